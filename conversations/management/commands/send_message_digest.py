"""Send the daily private-message digest (cron, once a day, next to `send_forum_digest`)."""

from conversations.services import send_message_digests
from core.schedule_lock import ScheduledCommand


class Command(ScheduledCommand):
    help = "Email each member who chose the daily digest who wrote to them privately."

    def handle(self, *args, **options):
        count = send_message_digests()
        self.stdout.write(f"Sent {count} message digest(s).")
