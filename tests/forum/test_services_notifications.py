"""In-app notifications and emails: who hears about a new post, and how."""

import re

import pytest

from forum.models import Notification
from forum.services import (
    follow_thread,
    mark_all_read,
    mark_read,
    send_daily_digests,
    unsubscribe_from_thread,
)
from forum.tokens import read_unsubscribe_token
from members.models import Profile
from tests.factories import make_user
from tests.forum.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(mailoutbox, django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the task enqueue) and return the outbox."""

    def post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_post(*args, **kwargs)

    post.outbox = mailoutbox
    return post


def kinds(user):
    return list(
        Notification.objects.filter(recipient=user).values_list("kind", flat=True)
    )


def test_followers_hear_about_a_new_reply_but_not_its_author(thread, emails):
    follower = make_user("member", email="follower@example.test")
    follow_thread(thread, actor=follower)
    reply = emails(thread, body="Here is what helped me.")
    assert kinds(follower) == ["followed_reply"]
    assert kinds(thread.author) == ["followed_reply"]
    assert kinds(reply.author) == []
    recipients = sorted(m.to[0] for m in emails.outbox)
    assert recipients == sorted([follower.email, thread.author.email])
    assert reply.author.email not in recipients


def test_a_reply_to_your_post_says_so_and_is_not_doubled(thread, emails):
    top = emails(thread)
    emails.outbox.clear()
    answer = emails(thread, reply_to=top, body="Answering you directly.")
    assert Notification.objects.get(recipient=top.author, post=answer).kind == "reply"
    to_top_author = [m for m in emails.outbox if m.to == [top.author.email]]
    assert len(to_top_author) == 1
    assert "replied to you" in to_top_author[0].subject


def test_a_quote_notifies_the_quoted_author_in_app_only(thread, mailoutbox):
    from forum.services import create_reply, unfollow_thread
    from tests.forum.factories import accept_terms

    unfollow_thread(thread, actor=thread.author)
    quoter = make_user("member")
    accept_terms(quoter)
    create_reply(
        thread,
        actor=quoter,
        body="> **Willow** wrote:\n>\n> Tight skin\n\nSame.",
        quoted_post_ids=[thread.first_post_id],
    )
    assert kinds(thread.author) == ["quote"]
    assert mailoutbox == []


def test_the_email_carries_the_disclaimer_a_link_unsubscribe_and_settings(
    thread, emails
):
    reply = emails(thread, body="My *own* experience.")
    message = emails.outbox[0]
    body = message.body
    assert "My own experience." in body
    assert f"/forum/p/{reply.pk}/" in body
    for version in thread.disclaimer_versions.all():
        assert version.label in body
        assert "not checked by doctors" in body or "not medical advice" in body
    assert "/accounts/profile/" in body
    unsubscribe = re.search(r"(http\S+/accounts/notifications/unsubscribe/\S+/)", body)
    assert unsubscribe
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe.group(1)}>"
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    token = unsubscribe.group(1).rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token) == (thread.author_id, thread.pk)


def test_no_email_after_unsubscribing_from_the_thread(thread, emails):
    unsubscribe_from_thread(thread, user=thread.author)
    reply = emails(thread)
    emails(thread, reply_to=reply)  # not even a direct reply to... someone else
    assert [m for m in emails.outbox if m.to == [thread.author.email]] == []


def test_a_muted_member_still_gets_no_email_for_a_direct_reply(thread, emails):
    unsubscribe_from_thread(thread, user=thread.author)
    emails(thread, reply_to=thread.first_post)
    assert [m for m in emails.outbox if m.to == [thread.author.email]] == []
    assert kinds(thread.author) == ["reply"]  # still told in the app


def test_members_who_chose_never_get_no_email_but_see_it_in_app(thread, emails):
    Profile.objects.filter(user=thread.author).update(email_frequency="never")
    emails(thread)
    assert emails.outbox == []
    assert kinds(thread.author) == ["followed_reply"]


def test_daily_digest_members_get_one_email_a_day(thread, emails):
    Profile.objects.filter(user=thread.author).update(email_frequency="daily")
    emails(thread, body="First news.")
    emails(thread, body="Second news.")
    assert [m for m in emails.outbox if m.to == [thread.author.email]] == []
    emails.outbox.clear()
    assert send_daily_digests() == 1
    assert len(emails.outbox) == 1
    digest = emails.outbox[0]
    assert digest.to == [thread.author.email]
    assert "First news." in digest.body and "Second news." in digest.body
    assert "Forum disclaimer" in digest.body
    assert "/accounts/notifications/unsubscribe/" in digest.body
    assert send_daily_digests() == 0  # nothing twice


def test_digest_subject_counts_one_reply_in_the_singular(thread, emails):
    Profile.objects.filter(user=thread.author).update(email_frequency="daily")
    emails(thread, body="Only news.")
    emails.outbox.clear()
    send_daily_digests()
    assert emails.outbox[0].subject.endswith("1 new reply")


def test_digest_skips_threads_muted_since(thread, emails):
    Profile.objects.filter(user=thread.author).update(email_frequency="daily")
    emails(thread)
    unsubscribe_from_thread(thread, user=thread.author)
    assert send_daily_digests() == 0
    assert emails.outbox == []


def test_inactive_members_are_not_notified(thread, emails):
    type(thread.author).objects.filter(pk=thread.author_id).update(is_active=False)
    emails(thread)
    assert kinds(thread.author) == []
    assert emails.outbox == []


def test_mark_read_only_touches_your_own(thread):
    make_post(thread)
    note = Notification.objects.get(recipient=thread.author)
    mark_read(note, user=make_user("member"))
    note.refresh_from_db()
    assert note.is_unread
    mark_read(note, user=thread.author)
    note.refresh_from_db()
    assert not note.is_unread


def test_mark_all_read(thread):
    make_post(thread)
    make_post(thread)
    assert mark_all_read(thread.author) == 2
    assert not Notification.objects.filter(
        recipient=thread.author, read_at__isnull=True
    ).exists()
