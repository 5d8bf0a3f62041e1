"""Erase the text of posts deleted more than FORUM_DELETED_TEXT_DAYS (30) days ago.

Run daily (cron, systemd timer). The placeholder stays; the text and its
earlier versions are gone for good.
"""

from core.schedule_lock import ScheduledCommand
from forum.services import purge_deleted_posts


class Command(ScheduledCommand):
    help = "Erase the text of posts deleted more than 30 days ago."

    def handle(self, *args, **options):
        count = purge_deleted_posts()
        self.stdout.write(f"Erased the text of {count} deleted post(s).")
