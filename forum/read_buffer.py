"""The forum's read positions waiting in the cache (`core.read_buffer`): per member
and thread, the furthest post seen and its time. `forum.services.reading` writes
them out; `forum.selectors.reading` counts them before they are written."""

from core.read_buffer import RECENT, ReadBuffer

buffer = ReadBuffer("forum:reads")

append = buffer.append
pending = buffer.pending
take_user = buffer.take_user
waiting_members = buffer.waiting_members

__all__ = ["RECENT", "append", "buffer", "pending", "take_user", "waiting_members"]
