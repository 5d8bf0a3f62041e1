"""Send notification emails still waiting: retries after failures, rows left by a dead worker.

Run it from cron every few minutes, e.g. ``*/5 * * * * manage.py send_pending_emails``.
With django-tasks-db, retries are also scheduled as deferred tasks; this sweep is
what catches a worker killed mid-batch (its rows stay claimed for
FORUM_EMAIL_CLAIM_SECONDS) and every retry under a backend that cannot defer.
"""

from core.schedule_lock import ScheduledCommand
from forum.services import send_pending_emails


class Command(ScheduledCommand):
    help = "Send every due notification email that no live worker is sending."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, **options):
        count = send_pending_emails(limit=options["limit"])
        self.stdout.write(f"Sent {count} notification email(s).")
