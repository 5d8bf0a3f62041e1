"""Write the reads waiting in the cache to the database: the forum's read
positions and the conversations' read marks (every `core.read_buffer` an app
registered).

Run every minute or so (cron, systemd timer). Members' pages already count what
they read before it is written; this keeps the database current for other
devices and for when the cache forgets.
"""

from core.read_buffer import flush_all
from core.schedule_lock import ScheduledCommand


class Command(ScheduledCommand):
    help = (
        "Write the reads waiting in the cache (forum, conversations) to the database."
    )

    def handle(self, *args, **options):
        count = flush_all()
        self.stdout.write(f"Wrote {count} read position(s).")
