"""Conversations read but not yet written down (`core.read_buffer`): per member
and conversation, the newest message they were shown and its time. A page view
writes only here; `services.conversations.save_read_marks` writes them out and
`selectors` counts them before they are written."""

from core.read_buffer import RECENT, ReadBuffer

buffer = ReadBuffer("conversations:reads")

__all__ = ["RECENT", "buffer"]
