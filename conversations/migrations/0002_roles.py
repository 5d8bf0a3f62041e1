"""Give the role groups the conversations' permissions. Views check these, never group names."""

from django.db import migrations

from members.roles import grant_permissions, revoke_permissions

GRANTS = {
    # Verified members write private messages and report them.
    "Members": ["add_message", "add_messagereport"],
    # Moderators read a conversation through a report (audited) and hide messages.
    "Moderators": ["moderate_conversation", "view_messagereport"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "conversations", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "conversations", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
