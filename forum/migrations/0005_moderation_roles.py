"""Give the roles the moderation permissions. Views check these, never group names."""

from django.db import migrations

from members.roles import grant_permissions, revoke_permissions

GRANTS = {
    # Verified members may report posts and profiles.
    "Members": ["add_report"],
    # People whose role staff granted skip the new-member sandbox.
    "Health professionals": ["post_without_approval"],
    "Editors": ["post_without_approval"],
    # Moderators manage the word filters in the admin and read reports and sanctions.
    "Moderators": [
        "post_without_approval",
        "view_report",
        "view_sanction",
        "view_wordfilter",
        "add_wordfilter",
        "change_wordfilter",
        "delete_wordfilter",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "forum", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "forum", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("forum", "0004_moderation")]

    operations = [migrations.RunPython(grant, revoke)]
