"""Every forum write goes through these functions, whoever calls them."""

from .counters import post_published, post_unpublished
from .follows import follow_thread, unfollow_thread, unsubscribe_from_thread
from .likes import like_post, unlike_post
from .notifications import (
    emails_suppressed,
    mark_all_read,
    mark_read,
    send_daily_digests,
    send_queued_emails,
)
from .posts import create_reply, delete_post, edit_post, purge_deleted_posts
from .threads import set_helpful_answer, start_thread

__all__ = [
    "create_reply",
    "delete_post",
    "edit_post",
    "emails_suppressed",
    "follow_thread",
    "like_post",
    "mark_all_read",
    "mark_read",
    "post_published",
    "post_unpublished",
    "purge_deleted_posts",
    "send_daily_digests",
    "send_queued_emails",
    "set_helpful_answer",
    "start_thread",
    "unfollow_thread",
    "unlike_post",
    "unsubscribe_from_thread",
]
