"""Following threads, and the one-click unsubscribe from a thread's emails."""

from django.db import transaction

from members.models import User

from ..models import Thread, ThreadFollow, ThreadMute
from ..permissions import check_follow_thread
from . import counters


def ensure_following(thread: Thread, user: User) -> bool:
    """Follow `thread` if not yet (posting does this); True if a follow was added.

    Call inside a transaction. A thread muted from an email stays muted.
    """
    _, created = ThreadFollow.objects.get_or_create(thread=thread, user=user)
    if created:
        counters.follower_added(thread)
    return created


@transaction.atomic
def follow_thread(thread: Thread, *, actor: User) -> None:
    """Follow `thread` explicitly (this also lifts an email unsubscribe). Idempotent."""
    check_follow_thread(actor, thread)
    ensure_following(thread, actor)
    ThreadMute.objects.filter(thread=thread, user=actor).delete()


@transaction.atomic
def unfollow_thread(thread: Thread, *, actor: User) -> bool:
    """Stop following `thread`; True if `actor` was following. Idempotent."""
    deleted, _ = ThreadFollow.objects.filter(thread=thread, user_id=actor.pk).delete()
    if deleted:
        counters.follower_removed(thread)
    return bool(deleted)


@transaction.atomic
def unsubscribe_from_thread(thread: Thread, *, user: User) -> None:
    """An email's unsubscribe link: unfollow and send no more email about `thread`."""
    unfollow_thread(thread, actor=user)
    ThreadMute.objects.get_or_create(thread=thread, user=user)
