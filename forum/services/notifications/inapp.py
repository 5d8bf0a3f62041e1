"""In-app notifications: written in the transaction of the post or like that
causes them; the emails that follow are queued after commit."""

import contextvars
import logging
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from members.models import Profile, User

from ...models import Notification, Post, ThreadFollow, ThreadMute

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
        from ...tasks import send_post_emails

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
