"""What is new for a member: unread replies per thread (board lists) and threads
with something new per board (the forum index).

Read positions come from the database (`ThreadRead`) merged with the reads still
waiting in the cache (`forum.read_buffer`), so a thread read a second ago shows
as read before anything is written. "Mark all read" on a board (`BoardRead`) and
FORUM_UNREAD_DAYS bound what can be new. A fixed number of queries per page.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.utils import timezone

from .. import read_buffer
from ..conf import app_settings
from ..models import BoardRead, Post, Thread, ThreadRead
from ..permissions import filter_visible_threads


@dataclass(frozen=True)
class Unread:
    """`count` replies unread since the last visit (the first is `first_post_id`),
    or `is_new`: a thread the member has never opened."""

    count: int = 0
    first_post_id: int | None = None
    is_new: bool = False


def _cutoff() -> datetime:
    return timezone.now() - timedelta(days=app_settings.UNREAD_DAYS)


def read_positions(user, thread_ids) -> dict[int, tuple[int, datetime]]:
    """thread id → (last read post id, its time) for `user`: stored, then waiting."""
    thread_ids = set(thread_ids)
    positions = {
        thread_id: (post_id, at)
        for thread_id, post_id, at in ThreadRead.objects.filter(
            user_id=user.pk, thread_id__in=thread_ids
        ).values_list("thread_id", "last_read_post_id", "last_read_at")
    }
    for thread_id, (post_id, stamp) in read_buffer.pending(user.pk).items():
        if thread_id not in thread_ids:
            continue
        at = datetime.fromtimestamp(stamp, tz=UTC)
        if thread_id in positions:
            old_id, old_at = positions[thread_id]
            positions[thread_id] = (max(old_id, post_id), max(old_at, at))
        else:
            positions[thread_id] = (post_id, at)
    return positions


def _board_marks(user, board_ids) -> dict[int, datetime]:
    return dict(
        BoardRead.objects.filter(
            user_id=user.pk, board_id__in=set(board_ids)
        ).values_list("board_id", "marked_at")
    )


def annotate_unread_threads(viewer, threads: list[Thread]) -> None:
    """Set `thread.unread` (an `Unread`, or None) on each of a board list's threads."""
    for thread in threads:
        thread.unread = None
    if not viewer.is_authenticated or not threads:
        return
    cutoff = _cutoff()
    positions = read_positions(viewer, [thread.pk for thread in threads])
    marks = _board_marks(viewer, [thread.board_id for thread in threads])
    wanted = Q(pk__in=[])
    by_id = {}
    for thread in threads:
        since = max(cutoff, marks.get(thread.board_id, cutoff))
        position = positions.get(thread.pk)
        if thread.last_post_at <= since or (
            position is not None and thread.last_post_at <= position[1]
        ):
            continue
        if position is None and thread.created_at > since:
            if thread.author_id != viewer.pk:
                thread.unread = Unread(is_new=True)
            continue
        condition = Q(thread_id=thread.pk, created_at__gt=since)
        if position is not None:
            condition &= Q(pk__gt=position[0])
        wanted |= condition
        by_id[thread.pk] = thread
    if not by_id:
        return
    rows = (
        Post.objects.filter(wanted, status=Post.Status.PUBLISHED)
        .exclude(author_id=viewer.pk)
        .order_by()
        .values("thread_id")
        .annotate(count=Count("pk"), first=Min("pk"))
    )
    for row in rows:
        by_id[row["thread_id"]].unread = Unread(
            count=row["count"], first_post_id=row["first"]
        )


def annotate_unread_boards(viewer, groups) -> None:
    """Set `board.unread_threads` (threads with something new) on the index's boards."""
    boards = [board for group in groups for board in group.boards.all()]
    for board in boards:
        board.unread_threads = 0
    if not viewer.is_authenticated or not boards:
        return
    marks = _board_marks(viewer, [board.pk for board in boards])
    read_at = ThreadRead.objects.filter(user_id=viewer.pk, thread_id=OuterRef("pk"))
    qs = (
        filter_visible_threads(viewer, Thread.objects.all())
        .filter(last_post_at__gt=_cutoff())
        .exclude(last_poster_id=viewer.pk)
        .annotate(read_at=Subquery(read_at.values("last_read_at")[:1]))
        .filter(Q(read_at__isnull=True) | Q(last_post_at__gt=F("read_at")))
    )
    if marks:
        marked = Q(board_id__in=[])
        for board_id, marked_at in marks.items():
            marked |= Q(board_id=board_id, last_post_at__gt=marked_at)
        qs = qs.filter(marked | ~Q(board_id__in=list(marks)))
    waiting = read_buffer.pending(viewer.pk)
    if waiting:
        stamps = {
            thread_id: datetime.fromtimestamp(stamp, tz=UTC)
            for thread_id, (_post_id, stamp) in waiting.items()
        }
        covered = [
            thread_id
            for thread_id, last_post_at in Thread.objects.filter(
                pk__in=list(stamps)
            ).values_list("pk", "last_post_at")
            if last_post_at <= stamps[thread_id]
        ]
        qs = qs.exclude(pk__in=covered)
    counts = dict(
        qs.order_by()
        .values("board_id")
        .annotate(n=Count("pk"))
        .values_list("board_id", "n")
    )
    for board in boards:
        board.unread_threads = counts.get(board.pk, 0)


def with_read_position(threads, viewer):
    """`threads` annotated, in the same query, with where `viewer` had read to as
    written to the database: `read_post_id` (None: never opened) and the board's
    "mark all read" time, `board_marked_at`."""
    if not viewer.is_authenticated:
        return threads
    return threads.annotate(
        read_post_id=Subquery(
            ThreadRead.objects.filter(
                user_id=viewer.pk, thread_id=OuterRef("pk")
            ).values("last_read_post_id")[:1]
        ),
        board_marked_at=Subquery(
            BoardRead.objects.filter(
                user_id=viewer.pk, board_id=OuterRef("board_id")
            ).values("marked_at")[:1]
        ),
    )


def mark_new_posts(viewer, thread, posts, *, buffered_post_id: int = 0) -> int | None:
    """Set `post.is_new` on the page's posts written since `viewer`'s last visit
    (by others, published, later than their furthest read post — written or still
    waiting, `buffered_post_id` — and than "mark all read" and FORUM_UNREAD_DAYS),
    the same rule as the board lists' counts. Returns the first new post's id, for
    the "new since your last visit" divider; None when nothing is new, and on a
    first visit (then everything is, and no divider helps)."""
    for post in posts:
        post.is_new = False
    if not viewer.is_authenticated:
        return None
    read_up_to = max(getattr(thread, "read_post_id", None) or 0, buffered_post_id)
    marked_at = getattr(thread, "board_marked_at", None)
    if not read_up_to and marked_at is None:
        return None
    since = max(filter(None, (_cutoff(), marked_at)))
    new = [
        post
        for post in posts
        if post.pk > read_up_to
        and post.created_at > since
        and post.status == Post.Status.PUBLISHED
        and post.author_id != viewer.pk
    ]
    for post in new:
        post.is_new = True
    return min((post.pk for post in new), default=None)
