"""Every forum write goes through these functions, whoever calls them."""

from .counters import post_published, post_unpublished
from .drafts import discard_draft, save_draft
from .follows import follow_thread, unfollow_thread, unsubscribe_from_thread
from .likes import like_post, unlike_post
from .moderation import (
    approve_post,
    bulk_moderate,
    dismiss_member_reports,
    dismiss_reports,
    hide_post,
    lock_thread,
    make_thread_members_only,
    make_thread_public,
    moderate_edit_post,
    move_thread,
    pin_thread,
    remove_post,
    restore_post,
    unlock_thread,
    unpin_thread,
)
from .notifications import (
    emails_suppressed,
    mark_all_read,
    mark_read,
    send_daily_digests,
    send_pending_emails,
    send_queued_emails,
)
from .posts import create_reply, delete_post, edit_post, purge_deleted_posts
from .reports import report_member, report_post
from .sanctions import ban_member, lift_sanctions, suspend_member, warn_member
from .screening import screening_skipped
from .threads import set_helpful_answer, start_thread

__all__ = [
    "approve_post",
    "ban_member",
    "bulk_moderate",
    "create_reply",
    "delete_post",
    "discard_draft",
    "dismiss_member_reports",
    "dismiss_reports",
    "edit_post",
    "emails_suppressed",
    "follow_thread",
    "hide_post",
    "lift_sanctions",
    "like_post",
    "lock_thread",
    "make_thread_members_only",
    "make_thread_public",
    "mark_all_read",
    "mark_read",
    "moderate_edit_post",
    "move_thread",
    "pin_thread",
    "post_published",
    "post_unpublished",
    "purge_deleted_posts",
    "remove_post",
    "report_member",
    "report_post",
    "restore_post",
    "save_draft",
    "screening_skipped",
    "send_daily_digests",
    "send_pending_emails",
    "send_queued_emails",
    "set_helpful_answer",
    "start_thread",
    "suspend_member",
    "unfollow_thread",
    "unlike_post",
    "unlock_thread",
    "unpin_thread",
    "unsubscribe_from_thread",
    "warn_member",
]
