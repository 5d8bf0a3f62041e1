"""Give the role groups the forum's permissions. Views check these, never group names."""

from django.db import migrations

from members.roles import grant_permissions, revoke_permissions

GRANTS = {
    # Verified members take part: start, reply, like, follow.
    "Members": ["add_thread", "add_post", "add_postlike", "add_threadfollow"],
    # Moderators also see pending, hidden and deleted posts and read edit history,
    # and look after the boards in the admin.
    "Moderators": [
        "moderate_post",
        "view_post",
        "view_postversion",
        "view_thread",
        "view_board",
        "add_board",
        "change_board",
        "view_boardgroup",
        "add_boardgroup",
        "change_boardgroup",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "forum", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "forum", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
