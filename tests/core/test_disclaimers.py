"""The one disclaimer mechanism: immutable versions, what is in force, acknowledgements."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core import disclaimers
from core.models import AuditEntry, Disclaimer, DisclaimerVersion
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def forum_disclaimer() -> Disclaimer:
    return Disclaimer.objects.get(scope=Disclaimer.Scope.FORUM)


def test_first_versions_exist_for_every_scope():
    scopes = set(Disclaimer.objects.values_list("scope", flat=True))
    assert {"site", "forum", "articles", "guidelines"} <= scopes
    assert not Disclaimer.objects.filter(current_version__isnull=True).exists()


def test_publishing_a_minor_then_major_version_numbers_them_and_makes_them_current(
    django_capture_on_commit_callbacks,
):
    editor = make_user("editor")
    disclaimer = forum_disclaimer()
    disclaimers.versions_in_force("forum")  # cached before the change
    with django_capture_on_commit_callbacks(execute=True):
        minor = disclaimers.publish_version(
            disclaimer, body="Clearer wording.", major=False, actor=editor
        )
        major = disclaimers.publish_version(
            disclaimer, body="New rules.", major=True, actor=editor
        )
    assert minor.label == "v1.1"
    assert major.label == "v2.0"
    assert disclaimers.versions_in_force("forum") == [major]
    assert str(major.body_html) == "<p>New rules.</p>"


def test_a_new_version_never_changes_an_old_one():
    editor = make_user("editor")
    disclaimer = forum_disclaimer()
    old = disclaimer.current_version
    old_body = old.body
    disclaimers.publish_version(
        disclaimer, body="Replacement.", major=True, actor=editor
    )
    old.refresh_from_db()
    assert old.body == old_body
    assert DisclaimerVersion.objects.filter(disclaimer=disclaimer).count() == 2


def test_only_editors_may_publish_disclaimers():
    for role in ("member", "professional", "moderator"):
        with pytest.raises(PermissionDenied):
            disclaimers.publish_version(
                forum_disclaimer(), body="x", major=True, actor=make_user(role)
            )


def test_publishing_writes_an_audit_row():
    editor = make_user("editor")
    version = disclaimers.publish_version(
        forum_disclaimer(), body="x", major=True, actor=editor, note="Legal review"
    )
    entry = AuditEntry.objects.get(action="disclaimer.publish")
    assert entry.actor == editor
    assert entry.reason == "Legal review"
    assert entry.after["version_id"] == version.pk


def test_footer_shows_the_new_site_disclaimer_after_publishing(
    client, django_capture_on_commit_callbacks
):
    client.get(reverse("home"))  # fills the cache
    with django_capture_on_commit_callbacks(execute=True):
        disclaimers.publish_version(
            Disclaimer.objects.get(scope="site"),
            body="Updated site disclaimer text.",
            major=True,
            actor=make_user("editor"),
        )
    html = client.get(reverse("home")).content.decode()
    assert "Updated site disclaimer text." in html
    assert "v2.0" in html


def test_a_member_must_acknowledge_guidelines_and_forum_disclaimer_once_per_major_version(
    django_capture_on_commit_callbacks,
):
    user = make_user("member")
    pending = disclaimers.pending_acknowledgements(user)
    assert {v.disclaimer.scope for v in pending} == {"guidelines", "forum"}
    disclaimers.acknowledge(user, pending)
    disclaimers.acknowledge(user, pending)  # twice keeps one row each
    assert user.acknowledgements.count() == 2
    assert disclaimers.pending_acknowledgements(user) == []

    editor = make_user("editor")
    with django_capture_on_commit_callbacks(execute=True):
        disclaimers.publish_version(
            forum_disclaimer(), body="Typo fix.", major=False, actor=editor
        )
    assert disclaimers.pending_acknowledgements(user) == []
    with django_capture_on_commit_callbacks(execute=True):
        new_major = disclaimers.publish_version(
            forum_disclaimer(), body="New policy.", major=True, actor=editor
        )
    assert disclaimers.pending_acknowledgements(user) == [new_major]


def inline_management_data(disclaimer) -> dict:
    """The read-only versions inline still posts its management form."""
    versions = list(disclaimer.versions.order_by("-major", "-minor"))
    data = {
        "versions-TOTAL_FORMS": str(len(versions)),
        "versions-INITIAL_FORMS": str(len(versions)),
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "0",
    }
    for i, version in enumerate(versions):
        data[f"versions-{i}-id"] = str(version.pk)
        data[f"versions-{i}-disclaimer"] = str(disclaimer.pk)
    return data


def test_editor_publishes_a_new_version_in_the_admin(
    client, django_capture_on_commit_callbacks
):
    editor = make_user("editor")
    client.force_login(editor)
    disclaimer = forum_disclaimer()
    url = reverse("admin:core_disclaimer_change", args=[disclaimer.pk])
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(
        url,
        {
            "name": disclaimer.name,
            "scope": disclaimer.scope,
            "new_version_body": "Admin-written version.",
            "major_change": "on",
            "change_note": "Annual review",
            **inline_management_data(disclaimer),
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    disclaimer.refresh_from_db()
    assert disclaimer.current_version.label == "v2.0"
    assert disclaimer.current_version.body == "Admin-written version."
    assert disclaimer.current_version.created_by == editor


def test_moderators_can_read_but_not_change_disclaimers_in_the_admin(client):
    client.force_login(make_user("moderator"))
    disclaimer = forum_disclaimer()
    url = reverse("admin:core_disclaimer_change", args=[disclaimer.pk])
    assert client.get(url).status_code == HTTPStatus.OK
    client.post(
        url,
        {
            "name": "Hacked",
            "scope": "forum",
            "new_version_body": "Hacked",
            **inline_management_data(disclaimer),
        },
    )
    disclaimer.refresh_from_db()
    assert disclaimer.name != "Hacked"
    assert disclaimer.current_version.label == "v1.0"
