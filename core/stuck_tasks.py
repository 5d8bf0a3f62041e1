"""Tasks left RUNNING by a worker that died (killed, out of memory, host lost).

django-tasks-db marks a task RUNNING when a worker claims it and never looks at
it again: if that worker dies, the task stays RUNNING for ever and nobody runs
it. `reclaim_stuck_tasks()` (run by `manage.py reclaim_stuck_tasks` from the
schedule, deploy/systemd/sclero-reclaim-stuck-tasks.timer) takes every task RUNNING for longer
than `TASKS_STUCK_SECONDS`:

- a task listed in `TASKS_RETRY_SAFE` (the emails, which claim their rows and
  mark them sent only once the relay accepted them, and scheduled publishing,
  which publishes only what is due and not yet live) goes back to READY, so a
  worker runs it again, at most `TASKS_MAX_ATTEMPTS` times in all;
- any other task, or one that has already been tried that often, is marked
  FAILED with a `StuckTaskError` and its traceback says why.

Each row is changed by one conditional UPDATE (still RUNNING, same start), so
several hosts running this at once cannot reclaim a task twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

RUNNING = "RUNNING"
READY = "READY"
FAILED = "FAILED"

DEFAULT_RETRY_SAFE = (
    "forum.tasks.send_post_emails",
    "forum.tasks.send_report_emails",
    "conversations.tasks.send_message_emails",
    "articles.tasks.run_scheduled_publishing",
)


class StuckTaskError(Exception):
    """Recorded on a task that stayed RUNNING after its worker died."""


def stuck_seconds() -> int:
    return int(getattr(settings, "TASKS_STUCK_SECONDS", 1800))


def retry_safe() -> frozenset[str]:
    return frozenset(getattr(settings, "TASKS_RETRY_SAFE", DEFAULT_RETRY_SAFE))


def max_attempts() -> int:
    return int(getattr(settings, "TASKS_MAX_ATTEMPTS", 3))


def _stuck(now: datetime):
    cutoff = now - timedelta(seconds=stuck_seconds())
    return DBTaskResult.objects.filter(status=RUNNING, started_at__lt=cutoff)


def stuck_summary(now: datetime | None = None) -> dict:
    """How many tasks are stuck RUNNING and the oldest one's age (for /healthz)."""
    now = now or timezone.now()
    found = _stuck(now).aggregate(count=Count("pk"), oldest=Min("started_at"))
    oldest = found["oldest"]
    age = round((now - oldest).total_seconds(), 1) if oldest else None
    return {"stuck_running": found["count"], "oldest_stuck_seconds": age}


@dataclass
class Reclaimed:
    retried: int = 0
    failed: int = 0


def reclaim_stuck_tasks(now: datetime | None = None) -> Reclaimed:
    now = now or timezone.now()
    done = Reclaimed()
    safe, attempts = retry_safe(), max_attempts()
    for row in _stuck(now).only("id", "task_path", "started_at", "worker_ids"):
        same = DBTaskResult.objects.filter(
            pk=row.pk, status=RUNNING, started_at=row.started_at
        )
        tries = len(row.worker_ids or [])
        if row.task_path in safe and tries < attempts:
            # The task runs again as soon as a worker is free.
            done.retried += same.update(status=READY, started_at=None, run_after=now)
            continue
        why = (
            f"Still RUNNING {(now - row.started_at).total_seconds():.0f} s after "
            f"it started (attempt {tries} of {attempts}); its worker is gone."
        )
        done.failed += same.update(
            status=FAILED,
            finished_at=now,
            exception_class_path=f"{__name__}.StuckTaskError",
            traceback=f"{__name__}.StuckTaskError: {why}\n",
            return_value=None,
        )
    return done
