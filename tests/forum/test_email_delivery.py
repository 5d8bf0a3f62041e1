"""Notification emails are delivered at least once, each with one stable Message-ID.

The relay here is Django's locmem backend made flaky: it refuses the first N
messages the way a real SMTP relay would (connection refused, server gone,
recipient refused), then accepts.
"""

import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.tasks import default_task_backend
from django.utils import timezone

from forum.models import Notification
from forum.services import follow_thread, send_pending_emails, send_queued_emails
from forum.services.notifications import delivery as notification_services
from tests.factories import make_user
from tests.forum.factories import make_members, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def relay(monkeypatch):
    """The outbox, with `relay.fail(n, error)` to refuse the next n messages."""
    from django.core import mail

    state = {"left": 0, "error": None}
    accept = EmailBackend.send_messages

    def send_messages(self, messages):
        if state["left"]:
            state["left"] -= 1
            raise state["error"]
        return accept(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)

    class Relay:
        outbox = mail.outbox

        def fail(self, times, error):
            state["left"], state["error"] = times, error

    return Relay()


@pytest.fixture
def no_backoff(settings):
    settings.FORUM_EMAIL_RETRY_SECONDS = 0


@pytest.fixture
def followed(thread):
    """The thread and its eleven followers (with its author: eleven recipients)."""
    members = make_members(10)
    for member in members:
        follow_thread(thread, actor=member)
    return thread


def post_reply(thread, capture):
    with capture(execute=True):
        return make_post(thread, body="What helped me was a good cream.")


def sweep_until_done(rounds=20):
    for _ in range(rounds):
        if not Notification.objects.filter(email="queued").exists():
            return
        send_pending_emails()
    raise AssertionError("emails still queued")


def assert_each_once(outbox, post):
    expected = sorted(
        Notification.objects.filter(post=post).values_list(
            "recipient__email", flat=True
        )
    )
    assert len(expected) == 11
    assert sorted(m.to[0] for m in outbox) == expected
    assert set(
        Notification.objects.filter(post=post).values_list("email", flat=True)
    ) == {"sent"}


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        TimeoutError("timed out"),
        smtplib.SMTPRecipientsRefused({"x@example.test": (451, b"try later")}),
    ],
    ids=["refused", "disconnected", "timeout", "recipient-refused"],
)
def test_a_flaky_relay_still_delivers_every_email_exactly_once(
    followed, relay, no_backoff, django_capture_on_commit_callbacks, error
):
    relay.fail(3, error)
    reply = post_reply(followed, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(post=reply, email="queued").exists()
    sweep_until_done()
    assert_each_once(relay.outbox, reply)
    assert Notification.objects.filter(post=reply, email_attempts__gt=1).exists()


def test_a_relay_outage_during_a_reply_loses_none_of_its_emails(
    followed, relay, no_backoff, django_capture_on_commit_callbacks
):
    relay.fail(1000, ConnectionRefusedError(111, "Connection refused"))
    reply = post_reply(followed, django_capture_on_commit_callbacks)
    assert relay.outbox == []
    rows = Notification.objects.filter(post=reply)
    assert set(rows.values_list("email", flat=True)) == {"queued"}
    # The batch stopped at the first refusal: the others wait without an attempt.
    assert sorted(rows.values_list("email_attempts", flat=True)) == [0] * 10 + [1]
    assert rows.get(email_attempts=1).email_error.startswith("ConnectionRefusedError")
    relay.fail(0, None)
    sweep_until_done()
    assert_each_once(relay.outbox, reply)


def test_retries_wait_for_the_backoff(
    followed, relay, django_capture_on_commit_callbacks
):
    relay.fail(1, ConnectionRefusedError(111, "Connection refused"))
    reply = post_reply(followed, django_capture_on_commit_callbacks)
    assert send_pending_emails() == 0  # not due yet
    Notification.objects.filter(post=reply).update(
        email_next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert send_pending_emails() == 11
    assert_each_once(relay.outbox, reply)


def test_after_the_last_attempt_the_email_is_marked_failed(
    thread, relay, no_backoff, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_EMAIL_MAX_ATTEMPTS = 3
    relay.fail(1000, smtplib.SMTPDataError(554, b"rejected"))
    post_reply(thread, django_capture_on_commit_callbacks)
    for _ in range(5):
        send_pending_emails()
    row = Notification.objects.get(recipient=thread.author)
    assert (row.email, row.email_attempts) == ("failed", 3)
    assert "rejected" in row.email_error
    relay.fail(0, None)
    assert send_pending_emails() == 0
    assert relay.outbox == []


def test_a_crash_between_send_and_mark_resends_with_the_same_message_id(
    thread, relay, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        reply = make_post(thread)
    mark = notification_services._mark_email_sent

    def killed(pk):
        raise SystemExit("worker killed")

    monkeypatch.setattr(notification_services, "_mark_email_sent", killed)
    with pytest.raises(SystemExit):
        send_queued_emails(reply.pk)
    monkeypatch.setattr(notification_services, "_mark_email_sent", mark)
    row = Notification.objects.get(post=reply)
    assert row.email == "queued" and row.email_claimed_at is not None
    assert send_pending_emails() == 0  # the claim is fresh: maybe still sending
    Notification.objects.filter(pk=row.pk).update(
        email_claimed_at=timezone.now() - timedelta(minutes=16)
    )
    assert send_pending_emails() == 1
    first, second = relay.outbox
    assert first.to == second.to == [thread.author.email]
    expected = f"<notification-{row.pk}@127.0.0.1>"
    assert first.message()["Message-ID"] == second.message()["Message-ID"] == expected
    row.refresh_from_db()
    assert row.email == "sent" and row.email_sent_at is not None
    assert send_pending_emails() == 0


def test_the_sweep_takes_rows_stuck_past_the_threshold_only(
    followed, relay, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_EMAIL_CLAIM_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=False):
        reply = make_post(followed)  # its task never ran: the worker died
    rows = Notification.objects.filter(post=reply).order_by("pk")
    stuck = [n.pk for n in rows[:5]]
    now = timezone.now()
    rows.filter(pk__in=stuck).update(email_claimed_at=now - timedelta(minutes=11))
    rows.exclude(pk__in=stuck).update(email_claimed_at=now - timedelta(minutes=2))
    assert send_pending_emails() == 5
    assert sorted(rows.filter(email="sent").values_list("pk", flat=True)) == sorted(
        stuck
    )
    rows.filter(email="queued").update(email_claimed_at=now - timedelta(minutes=11))
    assert send_pending_emails() == 6
    assert_each_once(relay.outbox, reply)


def test_emails_leave_only_after_the_reply_commits(
    thread, relay, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_post(thread)
    assert relay.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in relay.outbox] == [[thread.author.email]]


def test_a_backend_that_can_defer_gets_the_retry_as_a_deferred_task(
    thread, relay, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    relay.fail(1, ConnectionRefusedError(111, "Connection refused"))
    with django_capture_on_commit_callbacks(execute=True):
        reply = make_post(thread)
    default_task_backend.clear()
    send_queued_emails(reply.pk)
    row = Notification.objects.get(post=reply)
    (retry,) = default_task_backend.results
    assert retry.args == [reply.pk]
    assert retry.task.run_after == row.email_next_attempt_at > timezone.now()


def test_the_admin_lists_failed_emails(admin_client, thread):
    make_post(thread)
    Notification.objects.update(email="failed", email_error="SMTPDataError: no")
    other = make_user("member")
    Notification.objects.create(recipient=other, kind="reply", email="sent")
    response = admin_client.get("/admin/forum/notification/?email__exact=failed")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list.values_list("email", flat=True)) == [
        "failed"
    ]
