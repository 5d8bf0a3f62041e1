"""Drafts: what a member was writing in a composer, kept on the server until they
post it or discard it, so that no text is lost to a closed tab or an expired session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .boards import Board
from .threads import Thread


class Draft(models.Model):
    """One per author per place: a new thread on a board, or a reply in a thread."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_drafts"
    )
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=Thread.TITLE_MAX, blank=True)
    body = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(board__isnull=True) ^ Q(thread__isnull=True),
                name="forum_draft_one_place",
            ),
            models.UniqueConstraint(
                fields=["author", "board"],
                condition=Q(board__isnull=False),
                name="forum_draft_once_per_board",
            ),
            models.UniqueConstraint(
                fields=["author", "thread"],
                condition=Q(thread__isnull=False),
                name="forum_draft_once_per_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft by {self.author_id} in {self.board_id or self.thread_id}"
