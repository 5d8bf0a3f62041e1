"""Delete the photos kept for members' refused forms once they are a day old.

Run daily (cron, systemd timer). A kept photo waits `core.photos.KEEP_PHOTOS_FOR`
for its owner's next submit; after that the slot asks them to choose it again.
"""

from core.photos import forget_expired_kept_photos
from core.schedule_lock import ScheduledCommand


class Command(ScheduledCommand):
    help = "Delete photos kept for refused forms more than a day ago."

    def handle(self, *args, **options):
        count = forget_expired_kept_photos()
        self.stdout.write(f"Deleted {count} kept photo(s).")
