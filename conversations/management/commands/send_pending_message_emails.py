"""Send private-message emails still waiting (retries, rows left by a dead worker).

Run it from cron every few minutes, next to `send_pending_emails`.
"""

from conversations.services import send_pending_message_emails
from core.schedule_lock import ScheduledCommand


class Command(ScheduledCommand):
    help = "Send every due private-message email that no live worker is sending."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, **options):
        count = send_pending_message_emails(limit=options["limit"])
        self.stdout.write(f"Sent {count} message email(s).")
