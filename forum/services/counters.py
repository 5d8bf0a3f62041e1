"""The denormalized counters, changed in one place with F() expressions.

Call these inside the transaction that changes what they count. A post counts
while it is published: issue 5's approve/hide/restore call the same two
functions as publishing and deleting do here.

A board keeps its figures twice: all of them (members see these) and the
`public_*` ones without members-only threads (visitors see these). Whether a
thread is members-only is read by the UPDATE itself, from the thread's row, and
every writer here first holds that row (the reply's own UPDATE of the thread,
or a lock), as `thread_members_only_changed`'s caller does: a flag changed at
the same moment is counted once, on the right side.
"""

from django.db import transaction
from django.db.models import BigIntegerField, Case, Exists, F, Q, Value, When
from django.db.models.functions import Coalesce, Greatest

from core import pagecache
from core.sitemaps import forget_sitemaps
from members.models import Profile

from ..models import Board, Post, Thread

COUNTED_OPENING_STATUSES = (Post.Status.PUBLISHED, Post.Status.DELETED)


def _is_public(thread_id: int) -> Exists:
    """True in SQL while the thread is open to visitors (read from its row)."""
    return Exists(Thread.objects.filter(pk=thread_id, members_only=False))


def _one_if_public(thread_id: int) -> Case:
    return Case(When(_is_public(thread_id), then=Value(1)), default=Value(0))


def _hold_thread(thread_id: int) -> None:
    """Lock the thread's row, so that a change of its members-only flag waits for
    this transaction (a reply's UPDATE of the thread holds it already)."""
    if transaction.get_autocommit():
        return  # no transaction to hold it in (a caller outside the services)
    list(
        Thread.objects.select_for_update(no_key=True)
        .filter(pk=thread_id)
        .values_list("pk", flat=True)
    )


def post_published(post: Post) -> None:
    """`post` became visible to everyone: count it and move 'last activity' forward."""
    pagecache.bump()
    when = post.created_at
    public = _is_public(post.thread_id)
    if post.is_opening:
        _hold_thread(post.thread_id)
        board_fields = {
            "thread_count": F("thread_count") + 1,
            "public_thread_count": F("public_thread_count")
            + _one_if_public(post.thread_id),
        }
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
        public_post_count=F("public_post_count") + _one_if_public(post.thread_id),
        public_last_post_at=Case(
            When(
                public,
                then=Greatest(
                    Coalesce(F("public_last_post_at"), Value(when)), Value(when)
                ),
            ),
            default=F("public_last_post_at"),
        ),
        public_last_thread_id=Case(
            When(
                public
                & (
                    Q(public_last_post_at__isnull=True)
                    | Q(public_last_post_at__lte=when)
                ),
                then=Value(post.thread_id),
            ),
            default=F("public_last_thread_id"),
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
        _hold_thread(post.thread_id)
        forget_sitemaps()  # the thread leaves the sitemap
        hides_thread = post.status not in COUNTED_OPENING_STATUSES
        board_fields = (
            {
                "thread_count": F("thread_count") - 1,
                "public_thread_count": F("public_thread_count")
                - _one_if_public(post.thread_id),
            }
            if hides_thread
            else {}
        )
    else:
        board_fields = {}
        Thread.objects.filter(pk=post.thread_id).update(
            reply_count=F("reply_count") - 1
        )
    Board.objects.filter(pk=post.thread.board_id).update(
        post_count=F("post_count") - 1,
        public_post_count=F("public_post_count") - _one_if_public(post.thread_id),
        **board_fields,
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
    return opening is not None and opening.status in COUNTED_OPENING_STATUSES


def _latest(board_id: int, **only) -> dict | None:
    return (
        Thread.objects.filter(
            board_id=board_id, first_post__status__in=COUNTED_OPENING_STATUSES, **only
        )
        .order_by("-last_post_at", "-id")
        .values("pk", "last_post_at")
        .first()
    )


def refresh_public_activity(board_id: int) -> None:
    """Point a board's public 'latest activity' at its newest thread open to visitors."""
    latest = _latest(board_id, members_only=False)
    Board.objects.filter(pk=board_id).update(
        public_last_post_at=latest["last_post_at"] if latest else None,
        public_last_thread_id=latest["pk"] if latest else None,
    )


def refresh_board_activity(board_id: int) -> None:
    """Point a board's 'latest activity' at its newest public thread (or at nothing),
    and its visitors' one at the newest thread that is not members-only."""
    latest = _latest(board_id)
    Board.objects.filter(pk=board_id).update(
        last_post_at=latest["last_post_at"] if latest else None,
        last_thread_id=latest["pk"] if latest else None,
    )
    refresh_public_activity(board_id)


def _published_posts(thread: Thread) -> int:
    return Post.objects.filter(
        thread_id=thread.pk, status=Post.Status.PUBLISHED
    ).count()


def thread_moved(thread: Thread, old_board_id: int) -> None:
    """`thread` moved from board `old_board_id` to `thread.board_id`: its counted posts
    (and itself) leave one board's counters for the other's. Call after saving it,
    with its row locked."""
    pagecache.bump()
    posts = _published_posts(thread)
    threads = 1 if _thread_counts_on_board(thread) else 0
    public_posts, public_threads = (0, 0) if thread.members_only else (posts, threads)
    Board.objects.filter(pk=old_board_id).update(
        post_count=F("post_count") - posts,
        thread_count=F("thread_count") - threads,
        public_post_count=F("public_post_count") - public_posts,
        public_thread_count=F("public_thread_count") - public_threads,
    )
    Board.objects.filter(pk=thread.board_id).update(
        post_count=F("post_count") + posts,
        thread_count=F("thread_count") + threads,
        public_post_count=F("public_post_count") + public_posts,
        public_thread_count=F("public_thread_count") + public_threads,
    )
    refresh_board_activity(old_board_id)
    refresh_board_activity(thread.board_id)


def thread_members_only_changed(thread: Thread) -> None:
    """`thread.members_only` changed: its counted posts (and itself) leave the board's
    public figures or join them. Call after saving it, with its row locked."""
    pagecache.bump()
    forget_sitemaps()  # the thread leaves or joins the sitemap
    posts = _published_posts(thread)
    threads = 1 if _thread_counts_on_board(thread) else 0
    sign = -1 if thread.members_only else 1
    Board.objects.filter(pk=thread.board_id).update(
        public_post_count=F("public_post_count") + sign * posts,
        public_thread_count=F("public_thread_count") + sign * threads,
    )
    refresh_public_activity(thread.board_id)


@transaction.atomic
def recount_board(board_id: int) -> None:
    """Count a board's figures again from its threads and posts, all and public.

    The board's row is locked first: a post published meanwhile either committed
    before (and is counted here) or adds itself to these figures after."""
    list(
        Board.objects.select_for_update()
        .filter(pk=board_id)
        .values_list("pk", flat=True)
    )
    threads = Thread.objects.filter(
        board_id=board_id, first_post__status__in=COUNTED_OPENING_STATUSES
    )
    posts = Post.objects.filter(thread__board_id=board_id, status=Post.Status.PUBLISHED)
    Board.objects.filter(pk=board_id).update(
        thread_count=threads.count(),
        post_count=posts.count(),
        public_thread_count=threads.filter(members_only=False).count(),
        public_post_count=posts.filter(thread__members_only=False).count(),
    )
    refresh_board_activity(board_id)
