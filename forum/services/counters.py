"""The denormalized counters, changed in one place with F() expressions.

Call these inside the transaction that changes what they count. A post counts
while it is published: issue 5's approve/hide/restore call the same two
functions as publishing and deleting do here.
"""

from django.db.models import BigIntegerField, Case, F, Q, Value, When
from django.db.models.functions import Coalesce, Greatest

from core import pagecache
from core.sitemaps import forget_sitemaps
from members.models import Profile

from ..models import Board, Post, Thread


def post_published(post: Post) -> None:
    """`post` became visible to everyone: count it and move 'last activity' forward."""
    pagecache.bump()
    when = post.created_at
    if post.is_opening:
        board_fields = {"thread_count": F("thread_count") + 1}
        forget_sitemaps()  # the thread joins the sitemap
    else:
        board_fields = {}
        Thread.objects.filter(pk=post.thread_id).update(
            reply_count=F("reply_count") + 1,
            last_post_at=Greatest(F("last_post_at"), Value(when)),
            last_poster_id=Case(
                When(last_post_at__lte=when, then=Value(post.author_id)),
                default=F("last_poster_id"),
                output_field=BigIntegerField(),
            ),
        )
    Board.objects.filter(pk=post.thread.board_id).update(
        post_count=F("post_count") + 1,
        last_post_at=Greatest(Coalesce(F("last_post_at"), Value(when)), Value(when)),
        last_thread_id=Case(
            When(
                Q(last_post_at__isnull=True) | Q(last_post_at__lte=when),
                then=Value(post.thread_id),
            ),
            default=F("last_thread_id"),
            output_field=BigIntegerField(),
        ),
        **board_fields,
    )
    if post.author_id:
        Profile.objects.filter(user_id=post.author_id).update(
            post_count=F("post_count") + 1
        )


def post_unpublished(post: Post) -> None:
    """`post` stopped counting (deleted, or hidden in issue 5); call after changing its status.

    A deleted opening post leaves its thread listed (a placeholder keeps the
    replies readable), so the thread still counts; a hidden one hides the thread.
    """
    pagecache.bump()
    if post.is_opening:
        forget_sitemaps()  # the thread leaves the sitemap
        hides_thread = post.status not in (Post.Status.PUBLISHED, Post.Status.DELETED)
        board_fields = {"thread_count": F("thread_count") - 1} if hides_thread else {}
    else:
        board_fields = {}
        Thread.objects.filter(pk=post.thread_id).update(
            reply_count=F("reply_count") - 1
        )
    Board.objects.filter(pk=post.thread.board_id).update(
        post_count=F("post_count") - 1, **board_fields
    )
    if post.author_id:
        Profile.objects.filter(user_id=post.author_id).update(
            post_count=F("post_count") - 1
        )


def like_added(post: Post) -> None:
    pagecache.bump()
    Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
    Thread.objects.filter(pk=post.thread_id).update(like_count=F("like_count") + 1)


def like_removed(post: Post) -> None:
    pagecache.bump()
    Post.objects.filter(pk=post.pk).update(like_count=F("like_count") - 1)
    Thread.objects.filter(pk=post.thread_id).update(like_count=F("like_count") - 1)


def follower_added(thread: Thread) -> None:
    Thread.objects.filter(pk=thread.pk).update(follower_count=F("follower_count") + 1)


def follower_removed(thread: Thread) -> None:
    Thread.objects.filter(pk=thread.pk).update(follower_count=F("follower_count") - 1)


def _thread_counts_on_board(thread: Thread) -> bool:
    """A thread counts on its board while its opening post is public (published, or a
    deleted placeholder), as `post_published` / `post_unpublished` keep it."""
    opening = thread.first_post
    return opening is not None and opening.status in (
        Post.Status.PUBLISHED,
        Post.Status.DELETED,
    )


def refresh_board_activity(board_id: int) -> None:
    """Point a board's 'latest activity' at its newest public thread (or at nothing)."""
    latest = (
        Thread.objects.filter(
            board_id=board_id,
            first_post__status__in=[Post.Status.PUBLISHED, Post.Status.DELETED],
        )
        .order_by("-last_post_at", "-id")
        .values("pk", "last_post_at")
        .first()
    )
    Board.objects.filter(pk=board_id).update(
        last_post_at=latest["last_post_at"] if latest else None,
        last_thread_id=latest["pk"] if latest else None,
    )


def thread_moved(thread: Thread, old_board_id: int) -> None:
    """`thread` moved from board `old_board_id` to `thread.board_id`: its counted posts
    (and itself) leave one board's counters for the other's. Call after saving it."""
    pagecache.bump()
    posts = Post.objects.filter(
        thread_id=thread.pk, status=Post.Status.PUBLISHED
    ).count()
    threads = 1 if _thread_counts_on_board(thread) else 0
    Board.objects.filter(pk=old_board_id).update(
        post_count=F("post_count") - posts, thread_count=F("thread_count") - threads
    )
    Board.objects.filter(pk=thread.board_id).update(
        post_count=F("post_count") + posts, thread_count=F("thread_count") + threads
    )
    refresh_board_activity(old_board_id)
    refresh_board_activity(thread.board_id)
