"""Flip scheduled articles to published and expired ones to unpublished.

Run it from cron (every few minutes) or let the worker run it: readers see
pages on time regardless, since visibility is also checked at query time.
"""

from articles.services import publish_scheduled
from core.schedule_lock import ScheduledCommand


class Command(ScheduledCommand):
    help = "Publish scheduled articles whose time has come and unpublish expired ones."

    def handle(self, *args, **options):
        run = publish_scheduled()
        self.stdout.write(
            f"{len(run.went_live)} article(s) went live, "
            f"{len(run.expired)} article(s) expired."
        )
