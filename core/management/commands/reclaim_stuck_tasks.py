"""Give tasks left RUNNING by a dead worker back to the queue, or mark them FAILED.

Run it from the schedule every few minutes (deploy/systemd/sclero-reclaim-stuck-
tasks.timer), on one host or many. See core/stuck_tasks.py.
"""

from core.schedule_lock import ScheduledCommand
from core.stuck_tasks import reclaim_stuck_tasks


class Command(ScheduledCommand):
    help = "Requeue (or fail) tasks RUNNING longer than TASKS_STUCK_SECONDS."

    def handle(self, *args, **options):
        done = reclaim_stuck_tasks()
        self.stdout.write(
            f"Requeued {done.retried} stuck task(s), marked {done.failed} failed."
        )
