"""The moderation permission matrix: every moderation action × every role.

Only moderators act; visitors are sent to log in; everyone else gets a 403 and
nothing changes. Driven through the views (decorators, forms, services and the
database effect), and once more straight through the services.
"""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from forum import services
from forum.models import Notification, Post, Report, Sanction, Thread
from members.models import Profile
from tests.factories import ROLES, make_user
from tests.forum.factories import make_board, make_post, make_report

pytestmark = pytest.mark.django_db

NOT_MODERATORS = ("unverified", "member", "professional", "editor")


def assert_refused(response, role):
    if role == "visitor":
        assert response.status_code == HTTPStatus.FOUND
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.fixture
def scene(thread):
    """A reported reply, a pending reply and a reported profile."""
    reply = make_post(thread, body="You are all fools for trusting doctors.")
    make_report(reply, reason="abuse", note="Rude to everyone")
    pending = make_post(thread, body="My first post here.")
    Post.objects.filter(pk=pending.pk).update(status=Post.Status.PENDING)
    pending.refresh_from_db()
    return {"thread": thread, "reply": reply, "pending": pending}


# Pages ------------------------------------------------------------------------------


def _pages(scene) -> dict[str, str]:
    reply = scene["reply"]
    return {
        "queue": reverse("forum:moderation-queue"),
        "log": reverse("forum:moderation-log"),
        "post": reverse("forum:moderation-post", args=[reply.pk]),
        "edit": reverse("forum:moderation-post-edit", args=[reply.pk]),
        "member": reverse("forum:moderation-member", args=[reply.author_id]),
    }


@pytest.mark.parametrize("page", ["queue", "log", "post", "edit", "member"])
@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_open_the_moderation_pages(client, login_as, scene, role, page):
    login_as(role)
    response = client.get(_pages(scene)[page])
    if role == "moderator":
        assert response.status_code == HTTPStatus.OK
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_members_do_not_see_the_queue_or_its_count(client, login_as, scene, role):
    login_as(role)
    page = client.get(scene["thread"].get_absolute_url()).content.decode()
    queue_link = f'href="{reverse("forum:moderation-queue")}"'
    assert (queue_link in page) == (role == "moderator")
    assert ('>Moderate<span class="visually-hidden">' in page) == (role == "moderator")


# Post and thread actions ---------------------------------------------------------------

ACTIONS = {
    # action: (extra form data, which post, how to tell it happened)
    "approve": ({}, "pending", lambda s: _status(s["pending"]) == "published"),
    "dismiss": ({}, "reply", lambda s: _open_reports(s["reply"]) == 0),
    "hide": ({"reason": "Rude"}, "reply", lambda s: _status(s["reply"]) == "hidden"),
    "delete": ({}, "reply", lambda s: _status(s["reply"]) == "deleted"),
    "lock": ({}, "reply", lambda s: _thread(s).is_locked),
    "pin": ({}, "reply", lambda s: _thread(s).is_pinned),
    "move": ({"board": "NEW"}, "reply", lambda s: _thread(s).board_id == s["new"].pk),
    "warn": (
        {"reason": "Please be kind."},
        "reply",
        lambda s: Sanction.objects.filter(kind="warning").exists(),
    ),
    "suspend": (
        {"reason": "Cooling off.", "days": "3"},
        "reply",
        lambda s: Profile.objects.get(user=s["reply"].author_id).is_suspended,
    ),
    "ban": (
        {"reason": "Repeated abuse."},
        "reply",
        lambda s: (
            not type(s["reply"].author).objects.get(pk=s["reply"].author_id).is_active
        ),
    ),
}


def _status(post) -> str:
    return Post.objects.get(pk=post.pk).status


def _open_reports(post) -> int:
    return Report.objects.filter(post=post, status="open").count()


def _thread(scene) -> Thread:
    return Thread.objects.get(pk=scene["thread"].pk)


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_act_on_posts(client, login_as, scene, role, action):
    scene["new"] = make_board(name="Somewhere else")
    data, which, happened = ACTIONS[action]
    data = {k: (str(scene["new"].pk) if v == "NEW" else v) for k, v in data.items()}
    login_as(role)
    audit_before = AuditEntry.objects.count()
    response = client.post(
        reverse("forum:moderation-post", args=[scene[which].pk]),
        {"action": action, **data},
    )
    if role == "moderator":
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()
        assert happened(scene)
        assert AuditEntry.objects.count() == audit_before + 1
    else:
        assert_refused(response, role)
        assert not happened(scene)
        assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_restore_unlock_and_unpin(client, login_as, scene, role):
    thread, reply = scene["thread"], scene["reply"]
    moderator = make_user("moderator")
    services.hide_post(reply, actor=moderator, reason="Checking")
    services.lock_thread(thread, actor=moderator)
    services.pin_thread(thread, actor=moderator)
    login_as(role)
    url = reverse("forum:moderation-post", args=[reply.pk])
    responses = [
        client.post(url, {"action": action})
        for action in ("restore", "unlock", "unpin")
    ]
    thread.refresh_from_db()
    changed = (
        _status(reply) == "published",
        not thread.is_locked,
        not thread.is_pinned,
    )
    if role == "moderator":
        assert all(r.status_code == HTTPStatus.FOUND for r in responses)
        assert changed == (True, True, True)
    else:
        for response in responses:
            assert_refused(response, role)
        assert changed == (False, False, False)


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_edit_members_posts(client, login_as, scene, role):
    reply = scene["reply"]
    login_as(role)
    response = client.post(
        reverse("forum:moderation-post-edit", args=[reply.pk]),
        {"body": "[Removed by a moderator: rude.]", "reason": "Rude"},
    )
    reply.refresh_from_db()
    if role == "moderator":
        assert response.status_code == HTTPStatus.FOUND
        assert reply.body == "[Removed by a moderator: rude.]"
        assert reply.versions.count() == 1
    else:
        assert_refused(response, role)
        assert reply.body == "You are all fools for trusting doctors."


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_use_bulk_actions(client, login_as, scene, role):
    login_as(role)
    response = client.post(
        reverse("forum:moderation-bulk"),
        {"action": "approve", "posts": [scene["pending"].pk]},
    )
    if role == "moderator":
        assert response.status_code == HTTPStatus.FOUND
        assert _status(scene["pending"]) == "published"
    else:
        assert_refused(response, role)
        assert _status(scene["pending"]) == "pending"


# Member actions ---------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["warn", "suspend", "ban", "dismiss"])
@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_act_on_members(client, login_as, role, action):
    target = make_user("member", display_name="Target")
    make_report(member=target, reason="other", note="Offensive bio")
    login_as(role)
    response = client.post(
        reverse("forum:moderation-member", args=[target.pk]),
        {"action": action, "reason": "Please read the guidelines.", "days": "1"},
    )
    target.refresh_from_db()
    happened = {
        "warn": Sanction.objects.filter(member=target, kind="warning").exists(),
        "suspend": target.profile.is_suspended,
        "ban": not target.is_active,
        "dismiss": not Report.objects.filter(member=target, status="open").exists(),
    }[action]
    if role == "moderator":
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()
        assert happened
    else:
        assert_refused(response, role)
        assert not happened


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_lift_a_suspension(client, login_as, role):
    target = make_user("member")
    services.suspend_member(
        target, actor=make_user("moderator"), days=7, reason="Cooling off."
    )
    login_as(role)
    response = client.post(
        reverse("forum:moderation-member", args=[target.pk]), {"action": "lift"}
    )
    suspended = Profile.objects.get(user=target).is_suspended
    if role == "moderator":
        assert response.status_code == HTTPStatus.FOUND
        assert not suspended
    else:
        assert_refused(response, role)
        assert suspended


def test_moderators_cannot_sanction_other_moderators_or_themselves(client):
    moderator, colleague = make_user("moderator"), make_user("moderator")
    client.force_login(moderator)
    for target in (moderator, colleague):
        response = client.post(
            reverse("forum:moderation-member", args=[target.pk]),
            {"action": "ban", "reason": "Testing"},
        )
        assert response.status_code == HTTPStatus.OK
        assert "Select a valid choice" in response.content.decode()
        with pytest.raises(PermissionDenied):
            services.ban_member(target, actor=moderator, reason="Testing")
    assert not Sanction.objects.exists()


# The services refuse too, whoever calls them --------------------------------------------


@pytest.mark.parametrize("role", NOT_MODERATORS)
def test_every_moderation_service_refuses_non_moderators(role, thread):
    actor = make_user(role)
    reply = make_post(thread)
    make_report(reply)
    target = make_user("member")
    other_board = make_board()
    calls = [
        lambda: services.approve_post(reply, actor=actor),
        lambda: services.dismiss_reports(reply, actor=actor),
        lambda: services.hide_post(reply, actor=actor, reason="x"),
        lambda: services.restore_post(reply, actor=actor),
        lambda: services.remove_post(reply, actor=actor),
        lambda: services.moderate_edit_post(reply, actor=actor, body="changed"),
        lambda: services.lock_thread(thread, actor=actor),
        lambda: services.unlock_thread(thread, actor=actor),
        lambda: services.pin_thread(thread, actor=actor),
        lambda: services.unpin_thread(thread, actor=actor),
        lambda: services.move_thread(thread, actor=actor, board=other_board),
        lambda: services.warn_member(target, actor=actor, message="x"),
        lambda: services.suspend_member(target, actor=actor, days=1, reason="x"),
        lambda: services.ban_member(target, actor=actor, reason="x"),
        lambda: services.lift_sanctions(target, actor=actor),
        lambda: services.dismiss_member_reports(target, actor=actor),
        lambda: services.bulk_moderate([reply], actor=actor, action="hide", reason="x"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED and reply.edit_count == 0
    assert (thread.is_locked, thread.is_pinned) == (False, False)
    assert not Sanction.objects.exists() and not AuditEntry.objects.exists()


# Reporting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_report_a_post(client, login_as, thread, role):
    login_as(role)
    response = client.post(
        reverse("forum:post-report", args=[thread.first_post_id]),
        {"reason": "misinformation", "note": "Says to stop all medicines"},
    )
    reports = Report.objects.filter(post=thread.first_post_id)
    if role in ("member", "professional", "editor", "moderator"):
        assert response.status_code == HTTPStatus.FOUND
        assert reports.count() == 1
    elif role == "unverified":
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert b"Please confirm your email address" in response.content
        assert not reports.exists()
    else:
        assert_refused(response, role)
        assert not reports.exists()


@pytest.mark.parametrize("role", ROLES)
def test_report_a_profile(client, login_as, role):
    target = make_user("member")
    login_as(role)
    response = client.post(
        reverse("forum:member-report", args=[target.pk]),
        {"reason": "spam", "note": "The bio is an advert"},
    )
    reports = Report.objects.filter(member=target, post__isnull=True)
    if role in ("member", "professional", "editor", "moderator"):
        assert response.status_code == HTTPStatus.FOUND
        assert reports.count() == 1
    else:
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        assert not reports.exists()


def test_a_moderators_report_is_an_escalation_with_an_audit_row(thread):
    moderator = make_user("moderator")
    report = make_report(thread.first_post, reporter=moderator, reason="other")
    assert report.by_moderator and report.weight == 3
    entry = AuditEntry.objects.get(action="report.escalate")
    assert entry.actor == moderator and entry.target_id == str(thread.first_post_id)


def test_a_suspended_member_is_refused_everywhere_they_would_take_part(client, thread):
    member = make_user("member")
    Profile.objects.filter(user=member).update(
        suspended_until=timezone.now() + timedelta(days=1)
    )
    client.force_login(member)
    own = Post.objects.create(thread=thread, author=member, body="old", body_html="old")
    attempts = {
        "start": client.post(
            reverse("forum:thread-create", args=[thread.board.slug]),
            {"title": "New thread here", "body": "Hello"},
        ),
        "reply": client.post(
            reverse("forum:reply-create", args=[thread.pk]), {"body": "Hello"}
        ),
        "edit": client.post(reverse("forum:post-edit", args=[own.pk]), {"body": "new"}),
        "like": client.post(reverse("forum:post-like", args=[thread.first_post_id])),
        "report": client.post(
            reverse("forum:post-report", args=[thread.first_post_id]),
            {"reason": "spam"},
        ),
    }
    for name, response in attempts.items():
        assert response.status_code == HTTPStatus.FORBIDDEN, name
        assert "suspended until" in response.content.decode(), name
    assert Thread.objects.count() == 1
    assert Post.objects.filter(author=member).count() == 1
    assert not Report.objects.exists()
    assert not Notification.objects.filter(kind="likes").exists()
    # Reading still works, and the thread page says why there is no reply form.
    page = client.get(thread.get_absolute_url())
    assert page.status_code == HTTPStatus.OK
    assert "Your account is suspended until" in page.content.decode()
