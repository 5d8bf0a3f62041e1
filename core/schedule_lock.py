"""One run at a time of a scheduled command, however many hosts run the schedule.

Every app node may carry the same timers (deploy/systemd/*.timer): when two hosts
start `send_pending_emails` in the same minute, `single_run("send_pending_emails")`
lets the first one work and tells the second that another run holds the lock, so
it does nothing and exits 0. The services underneath are safe on their own too
(emails are claimed row by row, publishing locks the due articles), the lock
keeps the runs from overlapping at all.

- PostgreSQL: a session advisory lock (`pg_try_advisory_lock`), keyed by the
  name, released when the block ends or, if the host dies, when its connection
  closes. It needs a real session: behind pgbouncer in transaction mode, point
  the timers and the worker at PostgreSQL directly (docs/scaling.md).
- Any other database (SQLite, one host): an exclusive `flock` on a file next to
  the system's temporary files, per database and name (an in-memory test
  database: a lock in this process).
"""

import fcntl
import hashlib
import logging
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, OutputWrapper
from django.db import connections

logger = logging.getLogger("core.schedule_lock")
_PROCESS_LOCKS: dict[str, threading.Lock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (PostgreSQL's advisory lock space)."""
    digest = hashlib.blake2b(f"sclero:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def _postgres_lock(connection, name: str) -> Iterator[bool]:
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def _file_lock(connection, name: str) -> Iterator[bool]:
    database = str(connection.settings_dict.get("NAME") or "")
    if getattr(connection, "is_in_memory_db", lambda: False)():
        # A private in-memory database (tests): only this process can reach it.
        with _PROCESS_LOCKS_GUARD:
            lock = _PROCESS_LOCKS.setdefault(name, threading.Lock())
        acquired = lock.acquire(blocking=False)
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()
        return
    tag = hashlib.blake2b(f"{database}:{name}".encode(), digest_size=8).hexdigest()
    path = Path(tempfile.gettempdir()) / f"sclero-schedule-{tag}.lock"
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def single_run(name: str, *, using: str = "default") -> Iterator[bool]:
    """`with single_run("publish_scheduled") as mine:` — do the work only if `mine`."""
    connection = connections[using]
    lock = _postgres_lock if connection.vendor == "postgresql" else _file_lock
    with lock(connection, name) as acquired:
        if not acquired:
            logger.info("%s: another run holds the lock; skipping", name)
        yield acquired


class ScheduledCommand(BaseCommand):
    """A management command the schedule runs: one run at a time across hosts,
    locked under the command's own name; a second run prints why and does nothing."""

    def execute(self, *args, **options):
        name = self.__module__.rsplit(".", 1)[-1]
        with single_run(name) as mine:
            if not mine:
                if options.get("stdout"):
                    self.stdout = OutputWrapper(options["stdout"])
                self.stdout.write(f"{name}: another run holds the lock; nothing done.")
                return ""
            return super().execute(*args, **options)
