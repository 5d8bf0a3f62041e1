"""Give the roles what the library needs. Views and services check these permissions."""

from django.db import migrations

from members.roles import grant_permissions, revoke_permissions

GRANTS = {
    "Editors": [
        "add_article",
        "change_article",
        "view_article",
        "publish_article",
        "view_revision",
        "view_reviewsignoff",
        "add_channel",
        "change_channel",
        "view_channel",
        "add_topic",
        "change_topic",
        "view_topic",
        "view_correctionrequest",
        "change_correctionrequest",
    ],
    # Reviewers read drafts and revisions and sign off; they do not edit.
    "Health professionals": [
        "view_article",
        "review_article",
        "view_revision",
        "view_reviewsignoff",
    ],
    # Signed-in members with a verified email may report an error in an article.
    "Members": ["add_correctionrequest"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "articles", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "articles", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_library"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
