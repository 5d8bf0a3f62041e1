"""Reads of posts: the ones a viewer may see, their photos and earlier texts, a
member's draft, and what search may find."""

from django.db.models import Q, QuerySet

from ..models import Board, Draft, Post, PostImage, Thread
from ..permissions import (
    PUBLIC_STATUSES,
    can_read_members_only,
    filter_visible_posts,
    filter_visible_threads,
)


def list_visible_posts(viewer, thread: Thread | None = None) -> QuerySet[Post]:
    """Posts `viewer` may see (pending/hidden only for their author and moderators)."""
    qs = Post.objects.select_related("thread__board", "author__profile")
    if thread is not None:
        qs = qs.filter(thread=thread)
    # The thread must be visible too.
    qs = qs.filter(thread__in=filter_visible_threads(viewer, Thread.objects.all()))
    return filter_visible_posts(viewer, qs)


def members_only_thread_of_post(pk: int) -> bool:
    """A post a signed-in member could read, in a members-only thread."""
    return Post.objects.filter(
        pk=pk,
        status__in=PUBLIC_STATUSES,
        thread__members_only=True,
        thread__first_post__status__in=PUBLIC_STATUSES,
    ).exists()


def draft_for(user, *, board: Board | None = None, thread: Thread | None = None):
    """`user`'s own draft for a new thread on `board` or a reply in `thread`."""
    if not user.is_authenticated:
        return None
    place = {"board": board} if board is not None else {"thread": thread}
    return Draft.objects.filter(author_id=user.pk, **place).first()


def visible_photos(viewer) -> QuerySet[PostImage]:
    """Photos of posts `viewer` may read (not deleted): members only."""
    if not can_read_members_only(viewer):
        return PostImage.objects.none()
    return PostImage.objects.filter(
        post__in=list_visible_posts(viewer).exclude(status=Post.Status.DELETED)
    )


def post_versions(post: Post) -> list:
    """Earlier texts of `post`, newest first."""
    return list(post.versions.select_related("replaced_by__profile"))


def searchable_q(*, prefix: str = "", viewer=None) -> Q:
    """Posts `viewer` may find in search: published, in a thread whose opening is
    published; members-only threads only for signed-in members (never for
    visitors, or when no viewer is given: related content is the same for all).
    `prefix` applies it through a relation (search uses "post__")."""
    q = Q(
        **{
            f"{prefix}status": Post.Status.PUBLISHED,
            f"{prefix}thread__first_post__status": Post.Status.PUBLISHED,
        }
    )
    if viewer is None or not can_read_members_only(viewer):
        q &= Q(**{f"{prefix}thread__members_only": False})
    return q


def searchable_posts() -> QuerySet[Post]:
    return Post.objects.filter(searchable_q())
