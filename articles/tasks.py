"""Background work for the library, for the worker (`manage.py db_worker`)."""

from django.tasks import task, task_backends


@task
def run_scheduled_publishing() -> dict:
    """Publish what is due and expire what has expired (see `publish_scheduled`)."""
    from .services import publish_scheduled

    run = publish_scheduled()
    return {"went_live": run.went_live, "expired": run.expired}


def enqueue_scheduled_run(when) -> None:
    """Ask the worker to run the scheduler at `when`, if the task backend can defer.

    Without a deferring backend, cron runs `manage.py publish_scheduled`; readers
    see the page on time either way, because visibility is checked at query time.
    """
    if task_backends[run_scheduled_publishing.backend].supports_defer:
        run_scheduled_publishing.using(run_after=when).enqueue()
