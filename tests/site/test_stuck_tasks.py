"""A task left RUNNING by a dead worker: /healthz says so, the schedule's
`reclaim_stuck_tasks` requeues it when it is safe to
run again, or marks it FAILED; a worker then runs the requeued task."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.tasks import run_scheduled_publishing
from forum.tasks import send_post_emails

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_STUCK_SECONDS = 600


def left_running(result, minutes_ago, *, workers=("dead-worker",), path=None):
    """What a worker killed mid-task leaves behind."""
    row = DBTaskResult.objects.get(pk=result.id)
    row.status = "RUNNING"
    row.started_at = timezone.now() - timedelta(minutes=minutes_ago)
    row.worker_ids = list(workers)
    if path:
        row.task_path = path
    row.save()
    return row


def test_healthz_reports_tasks_stuck_running_as_degraded(client):
    left_running(send_post_emails.enqueue(0), minutes_ago=45)
    left_running(send_post_emails.enqueue(0), minutes_ago=2)  # still fine
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["queue"]["ok"] is False
    assert body["queue"]["stuck_running"] == 1
    assert 45 * 60 <= body["queue"]["oldest_stuck_seconds"] < 46 * 60


def test_a_healthy_queue_reports_no_stuck_tasks(client):
    left_running(send_post_emails.enqueue(0), minutes_ago=2)  # a live worker
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["queue"]["stuck_running"] == 0
    assert body["queue"]["oldest_stuck_seconds"] is None


# The worker closes connections between tasks: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_the_schedule_requeues_a_stuck_email_task_and_a_worker_runs_it(client):
    stuck = left_running(send_post_emails.enqueue(0), minutes_ago=45)
    live = left_running(run_scheduled_publishing.enqueue(), minutes_ago=2)
    call_command("reclaim_stuck_tasks")
    stuck.refresh_from_db()
    live.refresh_from_db()
    assert stuck.status == "READY"
    assert live.status == "RUNNING"  # not past the timeout: left to its worker
    assert client.get("/healthz").json()["queue"]["stuck_running"] == 0

    call_command("run_worker", "--no-reload", "--no-startup-delay", "--batch")
    stuck.refresh_from_db()
    assert stuck.status == "SUCCESSFUL"
    assert stuck.worker_ids[0] == "dead-worker" and len(stuck.worker_ids) == 2


def test_a_task_not_known_safe_to_repeat_is_marked_failed(client):
    stuck = left_running(
        send_post_emails.enqueue(0), minutes_ago=45, path="forum.tasks.unknown_task"
    )
    call_command("reclaim_stuck_tasks")
    stuck.refresh_from_db()
    assert stuck.status == "FAILED"
    assert stuck.exception_class_path == "core.stuck_tasks.StuckTaskError"
    assert "its worker is gone" in stuck.traceback
    assert client.get("/healthz").json()["status"] == "ok"


def test_a_task_that_killed_its_worker_three_times_is_failed_not_retried():
    stuck = left_running(
        send_post_emails.enqueue(0), minutes_ago=45, workers=("a", "b", "c")
    )
    call_command("reclaim_stuck_tasks")
    stuck.refresh_from_db()
    assert stuck.status == "FAILED"
    assert "attempt 3 of 3" in stuck.traceback
