"""Topic moved to `core` (its table, articles_topic, stays): state only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_roles"),
        ("core", "0001_initial"),
        ("forum", "0006_shared_models_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="topics",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="articles",
                        to="core.topic",
                        verbose_name="topics",
                    ),
                ),
                migrations.DeleteModel(name="Topic"),
            ],
        ),
    ]
