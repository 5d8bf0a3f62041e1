"""Write the read positions waiting in the cache to the database.

Run every minute or so (cron, systemd timer). Members' pages already count what
they read before it is written; this keeps the database current for other
devices and for when the cache forgets.
"""

from django.core.management.base import BaseCommand

from forum.services.reading import flush_read_positions


class Command(BaseCommand):
    help = "Write the read positions waiting in the cache to the database."

    def handle(self, *args, **options):
        count = flush_read_positions()
        self.stdout.write(f"Wrote {count} read position(s).")
