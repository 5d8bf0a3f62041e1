"""Reading positions: remembered in the cache as members read (no database write
on a page view) and written out in batches; "mark all read" on a board.

Kept by `core.read_buffer` and written out by `flush_read_positions`: from cron
(`manage.py flush_read_positions` writes every app's buffer, every few minutes) and
for one member on their next POST (`forum.views.common`); never during a page view,
not even by queueing a task (a task row is a write too). The write
is an upsert that keeps the greatest position (GREATEST on PostgreSQL, MAX on
SQLite), so two tabs or two devices flushing in any order never move a position
back.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone

from members.models import User

from .. import read_buffer
from ..models import Board, BoardRead, Post, Thread, ThreadRead


def record_read(user: User, thread: Thread, posts: Iterable[Post]) -> int:
    """`user` has seen `posts` of `thread`: remember the furthest one (cache only).
    Returns the furthest post of the thread their waiting reads had reached before
    (0: none waiting), for "new since your last visit"."""
    if not user.is_authenticated:
        return 0
    shown = [post for post in posts if post is not None]
    if not shown:
        return 0
    last_id = max(post.pk for post in shown)
    last_at = max(post.created_at for post in shown)
    return read_buffer.append(user.pk, thread.pk, last_id, last_at).before


def _upsert_sql(rows: int) -> str:
    table = ThreadRead._meta.db_table
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    values = ", ".join(["(%s, %s, %s, %s)"] * rows)
    return (
        f"INSERT INTO {table} (user_id, thread_id, last_read_post_id, last_read_at) "  # noqa: S608 (no user input in the SQL text)
        f"VALUES {values} ON CONFLICT (user_id, thread_id) DO UPDATE SET "
        f"last_read_post_id = {greatest}({table}.last_read_post_id, "
        "excluded.last_read_post_id), "
        f"last_read_at = {greatest}({table}.last_read_at, excluded.last_read_at)"
    )


@transaction.atomic
def save_read_positions(user_id: int, positions: dict[int, tuple]) -> int:
    """Write thread id → (post id, timestamp) for one member, keeping the greatest."""
    existing = set(
        Thread.objects.filter(pk__in=list(positions)).values_list("pk", flat=True)
    )
    params: list = []
    for thread_id in sorted(existing):  # one order: no deadlock between flushes
        post_id, at = positions[thread_id]
        when = datetime.fromtimestamp(at, tz=UTC)
        params += [user_id, thread_id, post_id, when]
    if not params:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(len(params) // 4), params)
    return len(params) // 4


def flush_read_positions(user_id: int | None = None) -> int:
    """Write the waiting read positions (one member's, or everyone's); how many."""
    return read_buffer.buffer.flush(save_read_positions, user_id)


@transaction.atomic
def mark_board_read(board: Board, *, actor: User) -> BoardRead:
    """Everything on `board` up to now counts as read for `actor`. Idempotent."""
    mark, _created = BoardRead.objects.update_or_create(
        user=actor, board=board, defaults={"marked_at": timezone.now()}
    )
    return mark
