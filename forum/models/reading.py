"""What each member has read: a position per thread, and "mark all read" per board.

Written in batches (see `forum.services.reading`), never on each page view.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .boards import Board
from .threads import Thread


class ThreadRead(models.Model):
    """The last post `user` has seen in `thread` (the highest id, and its time)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    last_read_post_id = models.PositiveBigIntegerField(default=0)
    last_read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"], name="forum_threadread_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} up to {self.last_read_post_id}"


class BoardRead(models.Model):
    """`user` marked everything on `board` read at `marked_at`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "board"], name="forum_boardread_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.board_id} up to {self.marked_at}"
