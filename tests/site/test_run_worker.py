"""run_worker: django-tasks-db's worker that outlives a database blip and exits
non-zero (75) when the database stays away, for the service manager to restart."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

ROOT = Path(__file__).resolve().parents[2]
WORKER_RUN = "django_tasks_db.management.commands.db_worker.Worker.run"


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def no_sleep():
    with mock.patch("sclero_site.management.commands.run_worker.time.sleep") as sleep:
        yield sleep


@pytest.mark.usefixtures("database_backend")
def test_the_worker_starts_again_after_a_short_database_outage(no_sleep, caplog):
    outage = [OperationalError("the connection is closed")] * 3
    with mock.patch(WORKER_RUN, side_effect=[*outage, None]) as run:
        call_command("run_worker", "--no-reload", "--no-startup-delay")
    assert run.call_count == 4
    assert [c.args[0] for c in no_sleep.call_args_list] == [1.0, 2.0, 4.0]
    assert "Database connection lost" in caplog.text


@pytest.mark.usefixtures("database_backend")
def test_the_worker_exits_75_when_the_database_stays_away(no_sleep):
    clock = iter(range(0, 1000, 5))
    with (
        mock.patch(
            WORKER_RUN, side_effect=OperationalError("the connection is closed")
        ),
        mock.patch(
            "sclero_site.management.commands.run_worker.time.monotonic",
            side_effect=lambda: next(clock),
        ),
        pytest.raises(CommandError) as raised,
    ):
        call_command(
            "run_worker", "--no-reload", "--no-startup-delay", "--db-retry-seconds=20"
        )
    assert raised.value.returncode == 75
    assert "database unreachable for 20 s" in str(raised.value)


@pytest.mark.usefixtures("database_backend")
def test_other_errors_are_not_retried(no_sleep):
    with (
        mock.patch(WORKER_RUN, side_effect=RuntimeError("a bug")) as run,
        pytest.raises(RuntimeError),
    ):
        call_command("run_worker", "--no-reload", "--no-startup-delay")
    assert run.call_count == 1


def test_against_an_unreachable_database_the_process_exits_non_zero():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    } | {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5499/closed",
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
    }
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [
            sys.executable,
            "manage.py",
            "run_worker",
            "--no-reload",
            "--no-startup-delay",
            "--db-retry-seconds=2",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 75, done.stderr
    assert "Database connection lost" in done.stderr
