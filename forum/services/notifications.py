"""In-app notifications and the emails that follow them.

In-app rows are written in the transaction of the post or like that causes
them. Emails go out after commit through Django's tasks framework
(`forum.tasks.send_post_emails`) for members who want them immediately; those
who chose the daily digest get `send_daily_digests` (the `send_forum_digest`
command). Nobody is emailed about their own post, and a thread muted through an
email's unsubscribe link sends nothing more.
"""

import contextvars
import logging
import smtplib
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timedelta
from urllib.parse import urljoin, urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.conf import site_settings
from core.markup import html_to_text
from core.plaintext import excerpt
from members.languages import in_member_language
from members.models import Profile, User

from ..models import Notification, Post, Thread, ThreadFollow, ThreadMute
from ..tokens import unsubscribe_token

logger = logging.getLogger(__name__)

EMAILED_KINDS = (Notification.Kind.REPLY, Notification.Kind.FOLLOWED_REPLY)

_emails_suppressed = contextvars.ContextVar("forum_emails_suppressed", default=False)


@contextmanager
def emails_suppressed():
    """Write notifications without emailing anyone (demo content, imports)."""
    token = _emails_suppressed.set(True)
    try:
        yield
    finally:
        _emails_suppressed.reset(token)


def _email_state(kind: str, frequency: str, muted: bool) -> str:
    if kind not in EMAILED_KINDS or muted or _emails_suppressed.get():
        return Notification.Email.NONE
    if frequency == Profile.EmailFrequency.IMMEDIATELY:
        return Notification.Email.QUEUED
    if frequency == Profile.EmailFrequency.DAILY:
        return Notification.Email.DIGEST
    return Notification.Email.NONE


def notify_new_post(
    post: Post, *, reply_to: Post | None = None, quoted: list[Post] = ()
) -> list[Notification]:
    """Tell the replied-to author, quoted authors and followers about a published `post`.

    Each member gets one notification, the most specific: reply > quote > follow.
    """
    recipients: dict[int, str] = {}
    if reply_to is not None and reply_to.author_id:
        recipients[reply_to.author_id] = Notification.Kind.REPLY
    for quoted_post in quoted:
        recipients.setdefault(quoted_post.author_id, Notification.Kind.QUOTE)
    followers = ThreadFollow.objects.filter(thread_id=post.thread_id).values_list(
        "user_id", flat=True
    )
    for user_id in followers:
        recipients.setdefault(user_id, Notification.Kind.FOLLOWED_REPLY)
    recipients.pop(post.author_id, None)
    if not recipients:
        return []
    frequencies = dict(
        Profile.objects.filter(
            user_id__in=recipients, user__is_active=True
        ).values_list("user_id", "email_frequency")
    )
    muted = set(
        ThreadMute.objects.filter(
            thread_id=post.thread_id, user_id__in=recipients
        ).values_list("user_id", flat=True)
    )
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id,
                kind=kind,
                thread_id=post.thread_id,
                post=post,
                actor_id=post.author_id,
                email=_email_state(kind, frequencies[user_id], user_id in muted),
                created_at=now,
                updated_at=now,
            )
            for user_id, kind in recipients.items()
            if user_id in frequencies
        ]
    )
    if any(n.email == Notification.Email.QUEUED for n in notifications):
        from ..tasks import send_post_emails

        post_id = post.pk
        transaction.on_commit(lambda: send_post_emails.enqueue(post_id))
    return notifications


def notify_like(post: Post, *, actor: User) -> None:
    """Tell the author; likes on one post share one unread notification."""
    if not post.author_id or post.author_id == actor.pk:
        return
    now = timezone.now()
    grouped = Notification.objects.filter(
        recipient_id=post.author_id,
        post=post,
        kind=Notification.Kind.LIKES,
        read_at__isnull=True,
    ).update(actor=actor, actor_count=F("actor_count") + 1, updated_at=now)
    if not grouped:
        Notification.objects.create(
            recipient_id=post.author_id,
            kind=Notification.Kind.LIKES,
            thread_id=post.thread_id,
            post=post,
            actor=actor,
            created_at=now,
            updated_at=now,
        )


def mark_read(notification: Notification, *, user: User) -> None:
    """Mark one of `user`'s notifications read (others' are left alone)."""
    Notification.objects.filter(
        pk=notification.pk, recipient_id=user.pk, read_at__isnull=True
    ).update(read_at=timezone.now())


def mark_all_read(user: User) -> int:
    """Mark every unread notification of `user` read; how many there were."""
    return Notification.objects.filter(
        recipient_id=user.pk, read_at__isnull=True
    ).update(read_at=timezone.now())


# Emails ----------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return urljoin(site_settings.URL, path)


def unsubscribe_url(user_id: int, thread_id: int) -> str:
    return absolute_url(
        reverse(
            "notifications:unsubscribe", args=[unsubscribe_token(user_id, thread_id)]
        )
    )


def _disclaimer_texts(thread: Thread) -> list[dict]:
    return [
        {
            "name": version.disclaimer.name,
            "label": version.label,
            "text": html_to_text(version.body_html),
        }
        for version in thread.disclaimer_versions.all()
    ]


def _thread_context(thread: Thread, user_id: int) -> dict:
    return {
        "thread": thread,
        "thread_url": absolute_url(thread.get_absolute_url()),
        "disclaimers": _disclaimer_texts(thread),
        "unsubscribe_url": unsubscribe_url(user_id, thread.pk),
    }


def _send(
    recipient: User,
    subject: str,
    body: str,
    unsubscribe: str | None,
    *,
    message_id: str | None = None,
) -> None:
    headers = {}
    if unsubscribe:
        # RFC 8058 one-click: mail clients POST to the link itself.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    if message_id:
        headers["Message-ID"] = message_id
    EmailMessage(
        subject=subject, body=body, to=[recipient.email], headers=headers
    ).send()


def build_post_email(notification: Notification) -> tuple[str, str, str]:
    """(subject, text, unsubscribe URL) for one reply notification."""
    with in_member_language(notification.recipient):
        thread, post = notification.thread, notification.post
        actor = notification.actor.profile.display_name if notification.actor else ""
        if notification.kind == Notification.Kind.REPLY:
            subject = _("%(name)s replied to you in “%(title)s”")
        else:
            subject = _("New reply in “%(title)s”")
        subject = subject % {"name": actor, "title": thread.title}
        context = {
            **_thread_context(thread, notification.recipient_id),
            "notification": notification,
            "actor": actor,
            "post_url": absolute_url(post.get_absolute_url()),
            "post_text": excerpt(post.body_html, 1200),
            "settings_url": absolute_url(reverse("accounts:profile-edit")),
            "site_name": site_settings.NAME,
        }
        text = render_to_string("forum/emails/post_notification.txt", context)
        return subject, text, context["unsubscribe_url"]


def _email_wanted(notification: Notification, muted: set[tuple[int, int]]) -> bool:
    profile = notification.recipient.profile
    return (
        notification.recipient.is_active
        and profile.email_frequency != Profile.EmailFrequency.NEVER
        and (notification.recipient_id, notification.thread_id) not in muted
        and _may_email_thread(notification.recipient, notification.thread)
    )


def _may_email_thread(recipient: User, thread: Thread) -> bool:
    """A members-only thread's text goes only to an address its member confirmed."""
    return (
        not thread.members_only
        or EmailAddress.objects.filter(
            user_id=recipient.pk, email__iexact=recipient.email, verified=True
        ).exists()
    )


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
        if not _email_wanted(notification, muted):
            Notification.objects.filter(
                pk=notification.pk, email=Notification.Email.QUEUED
            ).update(email=Notification.Email.NONE)
            continue
        if not _claim_email(notification.pk):
            continue
        subject, text, unsubscribe = build_post_email(notification)
        try:
            _send(
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
    from ..tasks import send_post_emails

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


def send_daily_digests() -> int:
    """One email per member with notifications waiting for the digest; how many were sent."""
    waiting = list(
        Notification.objects.filter(email=Notification.Email.DIGEST)
        .select_related("recipient__profile", "actor__profile", "thread", "post")
        .prefetch_related("thread__disclaimer_versions__disclaimer")
        .order_by("recipient_id", "thread_id", "created_at")
    )
    muted = set(
        ThreadMute.objects.filter(
            user_id__in={n.recipient_id for n in waiting}
        ).values_list("user_id", "thread_id")
    )
    by_recipient: dict[int, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_recipient[notification.recipient_id].append(notification)
    sent = 0
    for items in by_recipient.values():
        recipient = items[0].recipient
        wanted = [n for n in items if _email_wanted(n, muted)]
        claimed = Notification.objects.filter(
            pk__in=[n.pk for n in items], email=Notification.Email.DIGEST
        ).update(email=Notification.Email.NONE)
        if not (claimed and wanted):
            continue
        with in_member_language(recipient):
            threads: dict[int, dict] = {}
            for notification in wanted:
                entry = threads.setdefault(
                    notification.thread_id,
                    {**_thread_context(notification.thread, recipient.pk), "items": []},
                )
                entry["items"].append(
                    {
                        "notification": notification,
                        "actor": notification.actor.profile.display_name
                        if notification.actor
                        else _("Former member"),
                        "post_url": absolute_url(notification.post.get_absolute_url()),
                        "post_text": excerpt(notification.post.body_html, 300),
                    }
                )
            text = render_to_string(
                "forum/emails/digest.txt",
                {
                    "recipient": recipient,
                    "threads": list(threads.values()),
                    "count": len(wanted),
                    "settings_url": absolute_url(reverse("accounts:profile-edit")),
                    "site_name": site_settings.NAME,
                },
            )
            subject = ngettext(
                "Your daily forum digest: %(count)d new reply",
                "Your daily forum digest: %(count)d new replies",
                len(wanted),
            ) % {"count": len(wanted)}
        wanted_rows = Notification.objects.filter(pk__in=[n.pk for n in wanted])
        try:
            _send(recipient, subject, text, None)
        except TRANSIENT_EMAIL_ERRORS as error:
            # Not sent: the replies wait for tomorrow's digest.
            wanted_rows.update(email=Notification.Email.DIGEST)
            logger.warning("Digest for member %s not sent: %s", recipient.pk, error)
            continue
        wanted_rows.update(email=Notification.Email.SENT, email_sent_at=timezone.now())
        sent += 1
    return sent


# Moderation --------------------------------------------------------------------


def notify_moderation(
    recipient_id: int | None,
    *,
    action: str,
    post: Post | None = None,
    message: str = "",
) -> Notification | None:
    """Tell a member what a moderator decided about their post or account.

    Moderators stay anonymous here: the notice says "a moderator", never who.
    """
    if recipient_id is None:
        return None
    now = timezone.now()
    return Notification.objects.create(
        recipient_id=recipient_id,
        kind=Notification.Kind.MODERATION,
        thread_id=post.thread_id if post else None,
        post=post,
        action=action,
        message=message,
        created_at=now,
        updated_at=now,
    )


def notify_report_outcome(
    reports, *, action: str, skip_user_id: int | None = None
) -> list[Notification]:
    """Tell each reporter how their report ended (`action`: what the moderator did)."""
    now = timezone.now()
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=report.reporter_id,
                kind=Notification.Kind.REPORT_OUTCOME,
                thread_id=report.post.thread_id if report.post_id else None,
                post_id=report.post_id,
                report=report,
                action=action,
                created_at=now,
                updated_at=now,
            )
            for report in reports
            if report.reporter_id and report.reporter_id != skip_user_id
        ]
    )


def moderator_recipients():
    """Active accounts holding `forum.moderate_post` (through a group, directly, or superuser)."""
    from django.db.models import Q

    perm = Q(groups__permissions__codename="moderate_post") | Q(
        user_permissions__codename="moderate_post"
    )
    return (
        User.objects.filter(perm | Q(is_superuser=True), is_active=True)
        .select_related("profile")
        .distinct()
    )


def send_report_emails(report_id: int) -> int:
    """Email every moderator about one new report (FORUM_EMAIL_MODERATORS_ON_REPORT)."""
    from ..models import Report

    report = (
        Report.objects.select_related(
            "reporter__profile", "post__thread", "member__profile"
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    sent = 0
    for moderator in moderator_recipients():
        if moderator.pk == report.reporter_id:
            continue
        with in_member_language(moderator):
            subject, body = _report_email(report)
        _send(moderator, subject, body, None)
        sent += 1
    return sent


def _report_email(report) -> tuple[str, str]:
    """(subject, text) about one report, in the active language."""
    if report.post_id:
        what = _("a post in “%(title)s”") % {"title": report.post.thread.title}
    else:
        name = report.member.profile.display_name if report.member else ""
        what = _("the profile of %(name)s") % {"name": name}
    subject = _("New report: %(what)s") % {"what": what}
    body = render_to_string(
        "forum/emails/new_report.txt",
        {
            "report": report,
            "what": what,
            "queue_url": absolute_url(reverse("forum:moderation-queue")),
            "site_name": site_settings.NAME,
        },
    )
    return subject, body
