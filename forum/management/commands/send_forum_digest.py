"""Send the daily digest email to members who chose "daily digest". Run once a day."""

from core.schedule_lock import ScheduledCommand
from forum.services import send_daily_digests


class Command(ScheduledCommand):
    help = "Email each daily-digest member the replies waiting for them."

    def handle(self, *args, **options):
        count = send_daily_digests()
        self.stdout.write(f"Sent {count} digest email(s).")
