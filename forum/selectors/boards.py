"""Reads for the forum index and the board lists: groups, boards, and the boards
search engines may list."""

from django.db.models import Prefetch, QuerySet

from ..models import Board, BoardGroup
from ..permissions import can_read_members_only


def list_board_groups(viewer=None, *, language: str | None = None) -> list[BoardGroup]:
    """Groups with their boards (and each board's latest thread): two queries.
    Groups with boards in `language` come first, otherwise in their own order.
    Each board's `shown` holds the figures `viewer` may see: without members-only
    threads for a visitor (None: a visitor), all of them for a member."""
    public = viewer is None or not can_read_members_only(viewer)
    latest = "public_last_thread" if public else "last_thread"
    boards = Board.objects.select_related(f"{latest}__first_post").order_by(
        "position", "name"
    )
    groups = list(
        BoardGroup.objects.prefetch_related(Prefetch("boards", queryset=boards))
    )
    for group in groups:
        for board in group.boards.all():
            board.shown = board.figures(public=public)
    if language:
        groups.sort(
            key=lambda group: all(b.language != language for b in group.boards.all())
        )
    return groups


def list_boards() -> QuerySet[Board]:
    """Boards with their group and their own disclaimer's current version."""
    return Board.objects.select_related("group", "disclaimer__current_version")


def indexable_boards() -> QuerySet[Board]:
    """Boards a visitor may read (every board is open to visitors)."""
    return Board.objects.all()
