"""Warnings, suspensions and bans: what the member can still do, the record, the log."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from forum.models import Notification, Post, Report, Sanction
from forum.permissions import can_reply, can_start_thread
from forum.services import (
    ban_member,
    create_reply,
    lift_sanctions,
    suspend_member,
    warn_member,
)
from members.models import Profile
from tests.factories import PASSWORD, make_user, reauthenticate
from tests.forum.factories import accept_terms, make_post, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return make_user("moderator")


@pytest.fixture
def member(db):
    user = make_user("member", email="sam@example.test", display_name="Sam")
    accept_terms(user)
    return user


def test_a_warning_is_a_message_the_member_reads(client, member, moderator, thread):
    post = make_post(thread, author=member)
    make_report(post)
    warn_member(member, actor=moderator, message="Please keep it civil.", post=post)
    sanction = Sanction.objects.get()
    assert (sanction.kind, sanction.reason, sanction.post) == (
        "warning",
        "Please keep it civil.",
        post,
    )
    assert Report.objects.get().outcome == "member.warn"
    client.force_login(member)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "A moderator sent you a warning." in page
    assert "Please keep it civil." in page
    assert (
        AuditEntry.objects.get(action="member.warn").reason == "Please keep it civil."
    )


def test_a_warning_needs_a_message(member, moderator):
    with pytest.raises(ValidationError) as refused:
        warn_member(member, actor=moderator, message="  ")
    assert "reason" in refused.value.message_dict


@pytest.mark.parametrize("days", [1, 3, 7, 30])
def test_a_suspension_lasts_the_chosen_days(member, moderator, days):
    before = timezone.now()
    sanction = suspend_member(member, actor=moderator, days=days, reason="Cooling off")
    profile = Profile.objects.get(user=member)
    assert profile.suspended_until == sanction.ends_at
    assert before + timedelta(days=days) <= sanction.ends_at
    assert sanction.ends_at <= timezone.now() + timedelta(days=days)
    entry = AuditEntry.objects.get(action="member.suspend")
    assert entry.after["days"] == days and entry.before == {"suspended_until": None}


@pytest.mark.parametrize("days", [0, 2, 365, "forever", None])
def test_other_suspension_lengths_are_refused(member, moderator, days):
    with pytest.raises(ValidationError) as refused:
        suspend_member(member, actor=moderator, days=days, reason="x")
    assert "days" in refused.value.message_dict
    assert not Profile.objects.get(user=member).is_suspended


def test_a_suspended_member_cannot_post_but_can_read_and_export(
    client, member, moderator, thread
):
    suspend_member(member, actor=moderator, days=1, reason="Cooling off")
    member.refresh_from_db()
    assert not can_start_thread(member) and not can_reply(member, thread)
    with pytest.raises(PermissionDenied, match="suspended until"):
        create_reply(thread, actor=member, body="Let me in")
    client.force_login(member)
    reauthenticate(client)
    assert client.get(thread.get_absolute_url()).status_code == HTTPStatus.OK
    export = client.get(reverse("accounts:privacy-export"))
    assert export.status_code == HTTPStatus.OK
    assert export.json()["profile"]["suspended_until"] is not None


def test_a_suspension_ends_by_itself(member, moderator, thread):
    suspend_member(member, actor=moderator, days=1, reason="Cooling off")
    Profile.objects.filter(user=member).update(
        suspended_until=timezone.now() - timedelta(seconds=1)
    )
    member.refresh_from_db()
    reply = create_reply(thread, actor=member, body="Back again, and calmer.")
    assert reply.status == Post.Status.PUBLISHED


def test_lifting_a_suspension_lets_the_member_post_again(member, moderator, thread):
    suspend_member(member, actor=moderator, days=30, reason="Cooling off")
    lifted = lift_sanctions(member, actor=moderator, reason="Apologised")
    assert lifted == 1
    member.refresh_from_db()
    assert not member.profile.is_suspended
    assert Sanction.objects.get().lifted_by == moderator
    create_reply(thread, actor=member, body="Thank you, and sorry.")
    assert Notification.objects.filter(recipient=member, action="member.lift").exists()


def test_lifting_when_nothing_is_in_force_says_so(member, moderator):
    with pytest.raises(ValidationError, match="neither suspended nor banned"):
        lift_sanctions(member, actor=moderator)


def test_a_banned_member_cannot_log_in(client, member, moderator):
    ban_member(member, actor=moderator, reason="Spam, repeatedly")
    member.refresh_from_db()
    assert not member.is_active
    assert not client.login(email=member.email, password=PASSWORD)
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("account_inactive")
    home = client.get("/")
    assert not home.wsgi_request.user.is_authenticated


def test_a_ban_ends_the_sessions_the_member_already_has(client, member, moderator):
    client.force_login(member)
    assert client.get("/").wsgi_request.user.is_authenticated
    ban_member(member, actor=moderator, reason="Spam")
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_ban_can_hide_all_the_members_posts_with_exact_counters(
    member, moderator, thread
):
    posts = [make_post(thread, author=member) for _ in range(3)]
    thread.refresh_from_db()
    replies = thread.reply_count
    ban_member(member, actor=moderator, reason="Spam links", hide_posts=True)
    assert set(
        Post.objects.filter(pk__in=[p.pk for p in posts]).values_list(
            "status", "hidden_reason"
        )
    ) == {("hidden", "Spam links")}
    thread.refresh_from_db()
    assert thread.reply_count == replies - 3
    entry = AuditEntry.objects.get(action="member.ban")
    assert sorted(entry.after["hidden_posts"]) == sorted(p.pk for p in posts)


def test_a_ban_leaves_the_posts_alone_unless_asked(member, moderator, thread):
    post = make_post(thread, author=member)
    ban_member(member, actor=moderator, reason="Abusive messages")
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED


def test_lifting_a_ban_lets_the_member_log_in_again(client, member, moderator):
    ban_member(member, actor=moderator, reason="Mistaken identity")
    lift_sanctions(member, actor=moderator, reason="Wrong account")
    assert client.login(email=member.email, password=PASSWORD)


def test_a_ban_twice_says_so(member, moderator):
    ban_member(member, actor=moderator, reason="Spam")
    with pytest.raises(ValidationError, match="already banned"):
        ban_member(member, actor=moderator, reason="Spam")


def test_member_actions_close_the_profile_reports(member, moderator):
    reporter = make_user("member")
    make_report(member=member, reporter=reporter, reason="spam")
    suspend_member(member, actor=moderator, days=3, reason="Advertising in the bio")
    report = Report.objects.get()
    assert (report.status, report.outcome) == ("resolved", "member.suspend")
    assert Notification.objects.get(recipient=reporter).action == "member.suspend"
