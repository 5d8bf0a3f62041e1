"""Forum views: thin, one service or selector call each."""

from . import moderation
from .boards import board_detail, board_mark_read, index
from .drafts import draft_autosave
from .notifications import (
    notification_list,
    notification_read,
    notification_read_all,
    unsubscribe,
)
from .photos import photo
from .posts import (
    post_delete,
    post_edit,
    post_like,
    post_permalink,
    post_versions_view,
)
from .reports import member_report, my_reports, post_report
from .threads import (
    post_helpful,
    reply_create,
    thread_create,
    thread_detail,
    thread_follow,
)

__all__ = [
    "moderation",
    "board_detail",
    "board_mark_read",
    "draft_autosave",
    "index",
    "member_report",
    "my_reports",
    "notification_list",
    "notification_read",
    "notification_read_all",
    "photo",
    "post_delete",
    "post_edit",
    "post_helpful",
    "post_like",
    "post_permalink",
    "post_report",
    "post_versions_view",
    "reply_create",
    "thread_create",
    "thread_detail",
    "thread_follow",
    "unsubscribe",
]
