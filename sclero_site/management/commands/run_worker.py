"""The background worker for production: django-tasks-db's `db_worker`, made to
live through a short database outage and to exit non-zero after a long one.

`db_worker` stops with a traceback the moment a query fails ("the connection is
closed"). Here a lost connection is logged, the dead connections are closed and
the worker starts again after a pause (1 s, 2 s, 4 s... at most 10 s). If the
database stays away for longer than `--db-retry-seconds` (default 60), the command
exits with status 75 (EX_TEMPFAIL) so that the service manager restarts it
(deploy/systemd/sclero-worker.service: Restart=always). A task that was running
when the connection dropped is left as django-tasks-db leaves it (RUNNING); the
schedule's `manage.py reclaim_stuck_tasks` requeues or fails it once it has been
RUNNING for longer than TASKS_STUCK_SECONDS (core/stuck_tasks.py).
"""

import logging
import time

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("sclero_site.worker")

EX_TEMPFAIL = 75
MAX_PAUSE_SECONDS = 10.0


def close_all_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except (OperationalError, InterfaceError):
            connection.connection = None  # already gone; forget it


class Command(db_worker.Command):
    help = (
        "Run the database task worker; survive short database outages, "
        "exit 75 after long ones."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--db-retry-seconds",
            type=float,
            default=60.0,
            help="How long to keep retrying a lost database before exiting 75.",
        )

    def handle(self, *args, db_retry_seconds: float, **options):
        outage_started, last_failure, pause = None, 0.0, 1.0
        while True:
            try:
                super().handle(*args, **options)
                return
            except (OperationalError, InterfaceError) as error:
                now = time.monotonic()
                close_all_connections()
                if outage_started is None or now - last_failure > 2 * MAX_PAUSE_SECONDS:
                    # The worker had been running: this is a new outage.
                    outage_started, pause = now, 1.0
                last_failure = now
                down_for = now - outage_started
                if down_for >= db_retry_seconds:
                    logger.error(
                        "Database unreachable for %.0f s, exiting: %s", down_for, error
                    )
                    raise CommandError(
                        f"database unreachable for {down_for:.0f} s: {error}",
                        returncode=EX_TEMPFAIL,
                    ) from error
                logger.warning(
                    "Database connection lost (%s); retrying in %.0f s", error, pause
                )
                time.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE_SECONDS)
