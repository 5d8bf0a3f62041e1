"""Background work: notification emails, sent after the post's transaction commits.

With the default immediate backend they run right after commit in the same
process; in production `DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend`
and a `python manage.py db_worker` process sends them. A notification is marked
sent only once the relay accepted it; failures are retried with a backoff (a
deferred task where the backend supports `run_after`) and `manage.py
send_pending_emails`, run from cron, picks up whatever a dead worker left.
"""

from django.tasks import task


@task
def send_post_emails(post_id: int) -> int:
    """Email the members who want to hear about post `post_id` right away."""
    from .services.notifications import send_queued_emails

    return send_queued_emails(post_id)


@task
def send_report_emails(report_id: int) -> int:
    """Email the moderators about report `report_id` (when FORUM_EMAIL_MODERATORS_ON_REPORT)."""
    from .services.notifications import send_report_emails as send

    return send(report_id)
