"""What moderators do to a thread: lock, unlock, pin, unpin, move, make it
members-only or open it to visitors again.

Each locks the thread's row inside its own transaction (PostgreSQL refuses
`SELECT … FOR UPDATE` outside one), writes one audit row and, when `post` is
the reported post the action answers, closes its reports.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import audit, pagecache
from members.models import User

from ...models import Board, Post, Thread
from ...permissions import check_moderate
from .. import counters
from .codes import AuditCode
from .common import clean_reason, locked_thread, not_allowed, resolve_reports


class _Flag(NamedTuple):
    field: str
    value: bool
    code: AuditCode
    already: str
    # What else follows the change (the board's counters), called after saving.
    then: Callable[[Thread], None] | None = None


_LOCK = _Flag(
    "is_locked", True, AuditCode.THREAD_LOCK, _("This thread is already locked.")
)
_UNLOCK = _Flag(
    "is_locked", False, AuditCode.THREAD_UNLOCK, _("This thread is not locked.")
)
_PIN = _Flag(
    "is_pinned", True, AuditCode.THREAD_PIN, _("This thread is already pinned.")
)
_UNPIN = _Flag(
    "is_pinned", False, AuditCode.THREAD_UNPIN, _("This thread is not pinned.")
)
_MEMBERS_ONLY = _Flag(
    "members_only",
    True,
    AuditCode.THREAD_MEMBERS_ONLY,
    _("This thread is already for members only."),
    counters.thread_members_only_changed,
)
_PUBLIC = _Flag(
    "members_only",
    False,
    AuditCode.THREAD_PUBLIC,
    _("This thread is already open to visitors."),
    counters.thread_members_only_changed,
)


def _set_flag(
    thread: Thread, flag: _Flag, *, actor: User, reason: str, post: Post | None
) -> Thread:
    """Set the flag on the locked thread; the caller holds the transaction."""
    check_moderate(actor)
    thread = locked_thread(thread)
    reason = clean_reason(reason)
    if getattr(thread, flag.field) == flag.value:
        raise not_allowed(str(flag.already))
    setattr(thread, flag.field, flag.value)
    thread.save(update_fields=[flag.field])
    pagecache.bump()
    if flag.then is not None:
        flag.then(thread)
    if post is not None and post.thread_id == thread.pk:
        resolve_reports(actor=actor, action=flag.code, post=post)
    audit.record(
        actor,
        flag.code,
        thread,
        reason=reason,
        before={flag.field: not flag.value},
        after={flag.field: flag.value},
    )
    return thread


@transaction.atomic
def lock_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """No new replies (moderators still may). `post`: the reported post this answers."""
    return _set_flag(thread, _LOCK, actor=actor, reason=reason, post=post)


@transaction.atomic
def unlock_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Replies are welcome again."""
    return _set_flag(thread, _UNLOCK, actor=actor, reason=reason, post=post)


@transaction.atomic
def pin_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Keep the thread at the top of its board."""
    return _set_flag(thread, _PIN, actor=actor, reason=reason, post=post)


@transaction.atomic
def unpin_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """The thread takes its place by activity again."""
    return _set_flag(thread, _UNPIN, actor=actor, reason=reason, post=post)


@transaction.atomic
def make_thread_members_only(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Hide the thread from visitors and search engines (its author shared more
    than is safe in public); the boards' public figures leave it out."""
    return _set_flag(thread, _MEMBERS_ONLY, actor=actor, reason=reason, post=post)


@transaction.atomic
def make_thread_public(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Open a members-only thread to visitors again (at its author's request: no
    menu offers it); the boards' public figures count it again."""
    return _set_flag(thread, _PUBLIC, actor=actor, reason=reason, post=post)


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
