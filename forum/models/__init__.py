"""The forum's records. `core`: boards, threads, posts, versions, likes, follows and
notifications; `moderation`: reports, sanctions and word filters.

Import from here (`from forum.models import Post`), never from the submodules.
"""

from .core import (
    RESERVED_BOARD_SLUGS,
    Board,
    BoardGroup,
    Notification,
    Post,
    PostLike,
    PostVersion,
    Thread,
    ThreadFollow,
    ThreadMute,
    thread_slug,
)
from .moderation import Report, Sanction, WordFilter

__all__ = [
    "RESERVED_BOARD_SLUGS",
    "Board",
    "BoardGroup",
    "Notification",
    "Post",
    "PostLike",
    "PostVersion",
    "Report",
    "Sanction",
    "Thread",
    "ThreadFollow",
    "ThreadMute",
    "WordFilter",
    "thread_slug",
]
