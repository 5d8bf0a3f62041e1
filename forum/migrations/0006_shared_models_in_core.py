"""Topic and the disclaimer models now live in `core` (same tables): point at them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0005_moderation_roles"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="board",
                    name="disclaimer",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="This board's own disclaimer (scope 'One board'). New threads record its current version with the site and forum disclaimers.",
                        limit_choices_to={"scope": "board"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="boards",
                        to="core.disclaimer",
                    ),
                ),
                migrations.AlterField(
                    model_name="thread",
                    name="disclaimer_versions",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="The versions in force when the thread was started. Never changed.",
                        related_name="forum_threads",
                        to="core.disclaimerversion",
                    ),
                ),
                migrations.AlterField(
                    model_name="thread",
                    name="topics",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="threads",
                        to="core.topic",
                        verbose_name="topics",
                    ),
                ),
            ],
        ),
    ]
