"""What moderators do to a thread: lock, unlock, pin, unpin, move.

Each locks the thread's row inside its own transaction (PostgreSQL refuses
`SELECT … FOR UPDATE` outside one), writes one audit row and, when `post` is
the reported post the action answers, closes its reports.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, pagecache
from members.models import User

from ...models import Board, Post, Thread
from ...permissions import check_moderate
from .. import counters
from .codes import AuditCode
from .common import clean_reason, locked_thread, not_allowed, resolve_reports


def _set_flag(
    thread: Thread,
    *,
    actor: User,
    field: str,
    value: bool,
    code: AuditCode,
    already: str,
    reason: str,
    post: Post | None,
) -> Thread:
    """Set `thread.<field>` to `value`; the caller holds the transaction."""
    check_moderate(actor)
    thread = locked_thread(thread)
    reason = clean_reason(reason)
    if getattr(thread, field) == value:
        raise not_allowed(already)
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    pagecache.bump()
    if post is not None and post.thread_id == thread.pk:
        resolve_reports(actor=actor, action=code, post=post)
    audit.record(
        actor,
        code,
        thread,
        reason=reason,
        before={field: not value},
        after={field: value},
    )
    return thread


@transaction.atomic
def lock_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """No new replies (moderators still may). `post`: the reported post this answers."""
    return _set_flag(
        thread,
        actor=actor,
        field="is_locked",
        value=True,
        code=AuditCode.THREAD_LOCK,
        already=_("This thread is already locked."),
        reason=reason,
        post=post,
    )


@transaction.atomic
def unlock_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Replies are welcome again."""
    return _set_flag(
        thread,
        actor=actor,
        field="is_locked",
        value=False,
        code=AuditCode.THREAD_UNLOCK,
        already=_("This thread is not locked."),
        reason=reason,
        post=post,
    )


@transaction.atomic
def pin_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Keep the thread at the top of its board."""
    return _set_flag(
        thread,
        actor=actor,
        field="is_pinned",
        value=True,
        code=AuditCode.THREAD_PIN,
        already=_("This thread is already pinned."),
        reason=reason,
        post=post,
    )


@transaction.atomic
def unpin_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """The thread takes its place by activity again."""
    return _set_flag(
        thread,
        actor=actor,
        field="is_pinned",
        value=False,
        code=AuditCode.THREAD_UNPIN,
        already=_("This thread is not pinned."),
        reason=reason,
        post=post,
    )


@transaction.atomic
def move_thread(
    thread: Thread,
    *,
    actor: User,
    board: Board,
    reason: str = "",
    post: Post | None = None,
) -> Thread:
    """Move the thread to `board`; both boards' counters and latest activity follow."""
    check_moderate(actor)
    thread = locked_thread(thread)
    reason = clean_reason(reason)
    if board.pk == thread.board_id:
        raise ValidationError(
            {"board": _("The thread is already on this board.")}, code="same_board"
        )
    old_board = thread.board
    thread.board = board
    thread.save(update_fields=["board"])
    counters.thread_moved(thread, old_board.pk)
    if post is not None and post.thread_id == thread.pk:
        resolve_reports(actor=actor, action=AuditCode.THREAD_MOVE, post=post)
    audit.record(
        actor,
        AuditCode.THREAD_MOVE,
        thread,
        reason=reason,
        before={"board": old_board.slug},
        after={"board": board.slug},
    )
    return thread
