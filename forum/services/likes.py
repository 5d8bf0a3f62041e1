"""Likes: one per member per post, never on your own post, idempotent both ways."""

from django.db import transaction

from members.models import User

from ..models import Post, PostLike
from ..permissions import check_like_post
from . import counters
from .notifications import notify_like


def _locked(post: Post) -> Post:
    # FOR NO KEY UPDATE: serializes likes on this post without blocking replies
    # that reference it (their foreign key check takes a KEY SHARE lock).
    return (
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread")
        .get(pk=post.pk)
    )


@transaction.atomic
def like_post(post: Post, *, actor: User) -> PostLike:
    """Like `post` as `actor`; liking twice keeps one like."""
    post = _locked(post)
    check_like_post(actor, post)
    like, created = PostLike.objects.get_or_create(post=post, user=actor)
    if created:
        counters.like_added(post)
        notify_like(post, actor=actor)
    return like


@transaction.atomic
def unlike_post(post: Post, *, actor: User) -> bool:
    """Take back `actor`'s like; True if there was one. Unliking twice is harmless."""
    post = _locked(post)
    deleted, _ = PostLike.objects.filter(post=post, user_id=actor.pk).delete()
    if deleted:
        counters.like_removed(post)
    return bool(deleted)
