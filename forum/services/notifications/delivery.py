"""Sending queued notification emails at least once, never twice where we can help it."""

import logging
import smtplib
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from ...models import Notification, ThreadMute
from .emails import absolute_url, build_post_email, email_wanted, send_email

logger = logging.getLogger(__name__)


# Delivery, at least once ------------------------------------------------------
#
# A queued notification stays "queued" until the relay has accepted its email.
# A sender first claims the row (a conditional UPDATE, so two workers never send
# it at once), counting one attempt; then sends; then marks it sent. A failure
# the relay may get over (SMTPException, OSError: refused, timed out) releases
# the claim with a backoff; after FORUM_EMAIL_MAX_ATTEMPTS the row is "failed"
# (the admin lists them). A worker that dies between claim and mark leaves a
# claim that `send_pending_emails` takes again once FORUM_EMAIL_CLAIM_SECONDS
# have passed: the resend carries the same Message-ID, so relays and mail
# clients that deduplicate show it once.

TRANSIENT_EMAIL_ERRORS = (smtplib.SMTPException, OSError)


def _email_setting(name: str, default: int) -> int:
    return int(getattr(settings, f"FORUM_EMAIL_{name}", default))


def email_retry_delay(attempts: int) -> timedelta:
    """Backoff after the `attempts`-th failed attempt: 1, 2, 4… minutes, at most 6 h."""
    base = _email_setting("RETRY_SECONDS", 60)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def notification_message_id(notification_pk: int) -> str:
    """The one Message-ID of a notification's email, the same on every resend."""
    domain = urlsplit(absolute_url("/")).hostname or "localhost"
    return f"<notification-{notification_pk}@{domain}>"


def _due_emails(now):
    """Queued rows whose next attempt is due and that no live sender holds."""
    stale = now - timedelta(seconds=_email_setting("CLAIM_SECONDS", 900))
    return Notification.objects.filter(
        Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now),
        Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stale),
        email=Notification.Email.QUEUED,
    )


def _claim_email(pk: int) -> bool:
    """Take one due row for sending (one attempt more); give up past the limit."""
    now = timezone.now()
    limit = _email_setting("MAX_ATTEMPTS", 6)
    _due_emails(now).filter(pk=pk, email_attempts__gte=limit).update(
        email=Notification.Email.FAILED, email_claimed_at=None
    )
    return bool(
        _due_emails(now)
        .filter(pk=pk)
        .update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
    )


def _mark_email_sent(pk: int) -> None:
    Notification.objects.filter(pk=pk, email=Notification.Email.QUEUED).update(
        email=Notification.Email.SENT,
        email_sent_at=timezone.now(),
        email_claimed_at=None,
        email_next_attempt_at=None,
        email_error="",
    )


def _record_email_failure(pk: int, error: Exception) -> datetime | None:
    """Release the claim with a backoff, or mark the row failed; when to retry."""
    now = timezone.now()
    attempts = (
        Notification.objects.filter(pk=pk)
        .values_list("email_attempts", flat=True)
        .first()
    ) or 0
    message = f"{type(error).__name__}: {error}"[:300]
    rows = Notification.objects.filter(pk=pk, email=Notification.Email.QUEUED)
    if attempts >= _email_setting("MAX_ATTEMPTS", 6):
        rows.update(
            email=Notification.Email.FAILED, email_claimed_at=None, email_error=message
        )
        logger.error("Notification %s email failed for good: %s", pk, message)
        return None
    retry_at = now + email_retry_delay(attempts)
    rows.update(
        email_claimed_at=None, email_next_attempt_at=retry_at, email_error=message
    )
    logger.warning("Notification %s email will be retried: %s", pk, message)
    return retry_at


def _relay_unreachable(error: Exception) -> bool:
    """The relay itself is down (not one recipient refused): stop the batch."""
    return isinstance(
        error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError
    ) or not isinstance(error, smtplib.SMTPException)


def _deliver(queued: list[Notification]) -> int:
    """Send each row's email once the relay accepts it; how many were sent."""
    muted = set(
        ThreadMute.objects.filter(
            user_id__in={n.recipient_id for n in queued},
            thread_id__in={n.thread_id for n in queued},
        ).values_list("user_id", "thread_id")
    )
    sent = 0
    for index, notification in enumerate(queued):
        if not email_wanted(notification, muted):
            Notification.objects.filter(
                pk=notification.pk, email=Notification.Email.QUEUED
            ).update(email=Notification.Email.NONE)
            continue
        if not _claim_email(notification.pk):
            continue
        subject, text, unsubscribe = build_post_email(notification)
        try:
            send_email(
                notification.recipient,
                subject,
                text,
                unsubscribe,
                message_id=notification_message_id(notification.pk),
            )
        except TRANSIENT_EMAIL_ERRORS as error:
            retry_at = _record_email_failure(notification.pk, error)
            if retry_at and _relay_unreachable(error):
                # The rest would fail the same way: they wait for the same retry.
                Notification.objects.filter(
                    pk__in=[n.pk for n in queued[index + 1 :]],
                    email=Notification.Email.QUEUED,
                    email_claimed_at__isnull=True,
                ).update(email_next_attempt_at=retry_at)
                break
            continue
        _mark_email_sent(notification.pk)
        sent += 1
    return sent


def _with_email_context(queryset):
    return queryset.select_related(
        "recipient__profile", "actor__profile", "thread", "post"
    ).prefetch_related("thread__disclaimer_versions__disclaimer")


def _schedule_retry(post_id: int) -> None:
    """Run the post's task again when its next row is due, if the backend can wait."""
    from ...tasks import send_post_emails

    if not send_post_emails.get_backend().supports_defer:
        return  # `send_pending_emails` (cron) picks the rows up
    next_at = (
        Notification.objects.filter(
            post_id=post_id,
            email=Notification.Email.QUEUED,
            email_next_attempt_at__gt=timezone.now(),
        )
        .order_by("email_next_attempt_at")
        .values_list("email_next_attempt_at", flat=True)
        .first()
    )
    if next_at is not None:
        send_post_emails.using(run_after=next_at).enqueue(post_id)


def send_queued_emails(post_id: int) -> int:
    """Send the due queued emails about one post (the task's body); how many were sent.

    Each row is claimed before sending and marked sent only after the relay
    accepted it, so two workers never send it twice and a crash loses nothing.
    """
    queued = list(
        _with_email_context(
            _due_emails(timezone.now()).filter(post_id=post_id).order_by("pk")
        )
    )
    sent = _deliver(queued)
    _schedule_retry(post_id)
    return sent


def send_pending_emails(*, limit: int = 1000) -> int:
    """Send every due queued email, whatever became of its task; how many were sent.

    The sweep for `manage.py send_pending_emails` (cron, every few minutes): it
    retries after failures when the task backend cannot defer, and takes back
    rows claimed by a worker that died more than FORUM_EMAIL_CLAIM_SECONDS ago.
    """
    queued = list(
        _with_email_context(_due_emails(timezone.now()).order_by("pk")[:limit])
    )
    return _deliver(queued)
