"""The forum's records: `boards`, `threads` (with follows and mutes), `posts` (with
versions and likes), `notifications`, `drafts`, `reading` (read positions);
`moderation`: reports, sanctions, word filters.

Import from here (`from forum.models import Post`), never from the submodules.
"""

from .boards import RESERVED_BOARD_SLUGS, Board, BoardGroup
from .drafts import Draft
from .images import PostImage
from .moderation import Report, Sanction, WordFilter
from .notifications import Notification
from .posts import Post, PostLike, PostVersion
from .reading import BoardRead, ThreadRead
from .threads import Thread, ThreadFollow, ThreadMute, thread_slug

__all__ = [
    "RESERVED_BOARD_SLUGS",
    "Board",
    "BoardGroup",
    "BoardRead",
    "Draft",
    "Notification",
    "Post",
    "PostImage",
    "PostLike",
    "PostVersion",
    "Report",
    "Sanction",
    "Thread",
    "ThreadFollow",
    "ThreadMute",
    "ThreadRead",
    "WordFilter",
    "thread_slug",
]
