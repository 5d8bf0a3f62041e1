"""What moderators do to posts, threads and reports, one function per action.

- `posts`: approve, hide, restore, delete, edit a post.
- `threads`: lock, unlock, pin, unpin, move a thread; make it members-only or public.
- `dismissals`: close reports as "no action needed".
- `bulk`: one action on several posts.
- `actions`: the catalogue every page, form and notice reads.
- `codes`, `common`: the audit codes; reasons, row locks, closing reports.

Member actions (warn, suspend, ban, lift) live in `forum.services.sanctions`.
"""

from .bulk import bulk_moderate
from .codes import AuditCode
from .common import REASON_MAX, clean_reason, resolve_reports
from .dismissals import dismiss_member_reports, dismiss_reports
from .posts import (
    approve_post,
    hide_post,
    moderate_edit_post,
    remove_post,
    restore_post,
)
from .threads import (
    lock_thread,
    make_thread_members_only,
    make_thread_public,
    move_thread,
    pin_thread,
    unlock_thread,
    unpin_thread,
)

__all__ = [
    "REASON_MAX",
    "AuditCode",
    "approve_post",
    "bulk_moderate",
    "clean_reason",
    "dismiss_member_reports",
    "dismiss_reports",
    "hide_post",
    "lock_thread",
    "make_thread_members_only",
    "make_thread_public",
    "moderate_edit_post",
    "move_thread",
    "pin_thread",
    "remove_post",
    "resolve_reports",
    "restore_post",
    "unlock_thread",
    "unpin_thread",
]
