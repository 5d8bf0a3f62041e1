"""Disclaimers and the audit log moved to `core` (same tables): state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sclero_site", "0002_roles_and_first_disclaimers"),
        ("core", "0001_initial"),
        ("forum", "0006_shared_models_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="disclaimer", name="current_version"),
                migrations.DeleteModel(name="DisclaimerAcknowledgement"),
                migrations.DeleteModel(name="DisclaimerVersion"),
                migrations.DeleteModel(name="Disclaimer"),
                migrations.DeleteModel(name="AuditEntry"),
            ],
        ),
    ]
