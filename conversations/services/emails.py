"""Emails about new private messages, after commit, delivered at least once.

The forum's pattern (forum.services.notifications): one row per email, queued
in the message's transaction; the task `conversations.tasks.send_message_emails`
runs after commit, claims each row (a conditional UPDATE, so two workers never
send it at once), sends, then marks it sent. A failed send is retried with a
backoff; `send_pending_message_emails` (cron) takes back what a dead worker left.
Members who chose the daily digest get `send_message_digests`. When the member's
"leave the text out" setting is on (the default), the email says only who wrote.
"""

import contextvars
import logging
import smtplib
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.conf import site_settings
from core.plaintext import excerpt
from members.languages import in_member_language
from members.models import Profile

from ..conf import app_settings
from ..models import Message, MessageEmail, Participant

logger = logging.getLogger(__name__)

TRANSIENT_EMAIL_ERRORS = (smtplib.SMTPException, OSError)

_suppressed = contextvars.ContextVar("conversation_emails_suppressed", default=False)


@contextmanager
def emails_suppressed():
    """Write messages without emailing anyone (demo content)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def queue_message_emails(message: Message) -> list[MessageEmail]:
    """Rows for the other active participants who want emails (inside the write)."""
    if _suppressed.get():
        return []
    wanted = (
        Profile.objects.filter(
            user__conversation_places__conversation_id=message.conversation_id,
            user__conversation_places__left_at__isnull=True,
            user__is_active=True,
        )
        .exclude(user_id=message.author_id)
        .exclude(email_frequency=Profile.EmailFrequency.NEVER)
        .values_list("user_id", "email_frequency")
    )
    rows = MessageEmail.objects.bulk_create(
        [
            MessageEmail(
                message=message,
                recipient_id=user_id,
                state=MessageEmail.State.QUEUED
                if frequency == Profile.EmailFrequency.IMMEDIATELY
                else MessageEmail.State.DIGEST,
            )
            for user_id, frequency in wanted
        ]
    )
    if any(row.state == MessageEmail.State.QUEUED for row in rows):
        from ..tasks import send_message_emails

        message_id = message.pk
        transaction.on_commit(lambda: send_message_emails.enqueue(message_id))
    return rows


def _absolute(path: str) -> str:
    return urljoin(site_settings.URL, path)


def message_id_header(row_pk: int) -> str:
    domain = urlsplit(_absolute("/")).hostname or "localhost"
    return f"<message-email-{row_pk}@{domain}>"


def build_message_email(row: MessageEmail) -> tuple[str, str]:
    """(subject, text) for one email; the text only when the member allows it."""
    with in_member_language(row.recipient):
        message = row.message
        name = message.author.profile.display_name if message.author else ""
        with_text = not row.recipient.profile.notify_without_content
        text = render_to_string(
            "conversations/emails/new_message.txt",
            {
                "name": name,
                "with_text": with_text,
                "message_text": excerpt(message.body_html, 1200) if with_text else "",
                "url": _absolute(message.get_absolute_url()),
                "settings_url": _absolute(reverse("accounts:profile-edit")),
                "site_name": site_settings.NAME,
            },
        )
        subject = _("%(name)s sent you a private message") % {"name": name}
        return subject, text


def _still_wanted(row: MessageEmail) -> bool:
    return (
        row.recipient.is_active
        and row.message.status == Message.Status.VISIBLE
        and row.recipient.profile.email_frequency != Profile.EmailFrequency.NEVER
        and Participant.objects.filter(
            conversation_id=row.message.conversation_id,
            user_id=row.recipient_id,
            left_at__isnull=True,
        ).exists()
    )


def _due(now):
    stale = now - timedelta(seconds=app_settings.EMAIL_CLAIM_SECONDS)
    return MessageEmail.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale),
        state=MessageEmail.State.QUEUED,
    )


def _claim(pk: int) -> bool:
    now = timezone.now()
    _due(now).filter(pk=pk, attempts__gte=app_settings.EMAIL_MAX_ATTEMPTS).update(
        state=MessageEmail.State.FAILED, claimed_at=None
    )
    return bool(
        _due(now).filter(pk=pk).update(claimed_at=now, attempts=F("attempts") + 1)
    )


def _fail(row: MessageEmail, error: Exception) -> None:
    attempts = MessageEmail.objects.get(pk=row.pk).attempts
    message = f"{type(error).__name__}: {error}"[:300]
    rows = MessageEmail.objects.filter(pk=row.pk, state=MessageEmail.State.QUEUED)
    if attempts >= app_settings.EMAIL_MAX_ATTEMPTS:
        rows.update(state=MessageEmail.State.FAILED, claimed_at=None, error=message)
        logger.error("Message email %s failed for good: %s", row.pk, message)
        return
    delay = min(app_settings.EMAIL_RETRY_SECONDS * 2 ** (attempts - 1), 6 * 3600)
    rows.update(
        claimed_at=None,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        error=message,
    )
    logger.warning("Message email %s will be retried: %s", row.pk, message)


def _deliver(rows: list[MessageEmail]) -> int:
    sent = 0
    for row in rows:
        if not _still_wanted(row):
            MessageEmail.objects.filter(
                pk=row.pk, state=MessageEmail.State.QUEUED
            ).update(state=MessageEmail.State.DROPPED)
            continue
        if not _claim(row.pk):
            continue
        subject, text = build_message_email(row)
        try:
            EmailMessage(
                subject=subject,
                body=text,
                to=[row.recipient.email],
                headers={"Message-ID": message_id_header(row.pk)},
            ).send()
        except TRANSIENT_EMAIL_ERRORS as error:
            _fail(row, error)
            continue
        MessageEmail.objects.filter(pk=row.pk, state=MessageEmail.State.QUEUED).update(
            state=MessageEmail.State.SENT,
            sent_at=timezone.now(),
            claimed_at=None,
            error="",
        )
        sent += 1
    return sent


def _with_context(queryset):
    return queryset.select_related(
        "recipient__profile", "message__author__profile", "message__conversation"
    ).order_by("pk")


def send_queued_message_emails(message_id: int) -> int:
    """Send the due emails about one message (the task's body); how many were sent."""
    return _deliver(
        list(_with_context(_due(timezone.now()).filter(message_id=message_id)))
    )


def send_pending_message_emails(*, limit: int = 1000) -> int:
    """Send every due queued email whatever became of its task (cron)."""
    return _deliver(list(_with_context(_due(timezone.now()))[:limit]))


def send_message_digests() -> int:
    """One email per member listing who wrote to them; how many were sent."""
    waiting = list(
        _with_context(MessageEmail.objects.filter(state=MessageEmail.State.DIGEST))
    )
    by_recipient: dict[int, list[MessageEmail]] = defaultdict(list)
    for row in waiting:
        by_recipient[row.recipient_id].append(row)
    sent = 0
    for rows in by_recipient.values():
        recipient = rows[0].recipient
        claimed = MessageEmail.objects.filter(
            pk__in=[r.pk for r in rows], state=MessageEmail.State.DIGEST
        ).update(state=MessageEmail.State.DROPPED)
        wanted = [r for r in rows if _still_wanted(r)]
        if not (claimed and wanted):
            continue
        names = sorted(
            {r.message.author.profile.display_name for r in wanted if r.message.author}
        )
        with in_member_language(recipient):
            text = render_to_string(
                "conversations/emails/digest.txt",
                {
                    "count": len(wanted),
                    "names": names,
                    "url": _absolute(reverse("conversations:inbox")),
                    "site_name": site_settings.NAME,
                },
            )
            subject = ngettext(
                "You have %(count)d new private message",
                "You have %(count)d new private messages",
                len(wanted),
            ) % {"count": len(wanted)}
        try:
            EmailMessage(subject=subject, body=text, to=[recipient.email]).send()
        except TRANSIENT_EMAIL_ERRORS as error:
            MessageEmail.objects.filter(pk__in=[r.pk for r in wanted]).update(
                state=MessageEmail.State.DIGEST
            )
            logger.warning("Message digest for %s not sent: %s", recipient.pk, error)
            continue
        MessageEmail.objects.filter(pk__in=[r.pk for r in wanted]).update(
            state=MessageEmail.State.SENT, sent_at=timezone.now()
        )
        sent += 1
    return sent
