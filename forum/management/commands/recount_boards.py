"""Count every board's figures again (threads, posts, latest activity; all of them
and those visitors see) from its threads and posts.

The services keep them right as things happen; this is for after a repair by
hand, a restore or an import.
"""

from django.core.management.base import BaseCommand

from forum.models import Board
from forum.services.counters import recount_board


class Command(BaseCommand):
    help = "Count every board's threads, posts and latest activity again."

    def handle(self, *args, **options):
        board_ids = list(Board.objects.values_list("pk", flat=True))
        for board_id in board_ids:
            recount_board(board_id)
        self.stdout.write(f"Counted {len(board_ids)} board(s) again.")
