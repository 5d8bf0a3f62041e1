#!/usr/bin/env python
"""Email fault drill: kill the worker mid-batch and stop the relay during a reply.

Runs against PostgreSQL, a real `manage.py db_worker` (django-tasks-db) and a
real SMTP sink on a private port (scripts/smtp_sink.py), then counts what the
sink received. It passes when every expected notification email arrived, to
the right member, and nothing else did; a message the relay had accepted when
the worker was killed is resent with the same Message-ID (reported as
"resends": a relay or mail client that deduplicates by Message-ID shows it once).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sclero_email_drill \\
        .venv/bin/python scripts/email_fault_drill.py

The database is created if missing (its contents are drill data: don't point
it at a real site). Options: --port (SMTP sink, default 18025), --followers
(recipients of the first reply, default 110). Takes about a minute. Drill
settings (scripts/email_drill_settings.py) shorten the retry backoff to 1 s and
the dead-worker claim to 5 s; production keeps the defaults (60 s doubling,
15 minutes) and runs `manage.py send_pending_emails` from cron.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sclero_email_drill"


def configure(port: int) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", DEFAULT_DB),
        "DJANGO_SETTINGS_MODULE": "email_drill_settings",
        "PYTHONPATH": f"{ROOT / 'scripts'}{os.pathsep}{ROOT}",
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "DJANGO_DEBUG": "1",
    }
    env.pop("REDIS_URL", None)  # the drill's cache stays in its processes
    os.environ.update(env)
    sys.path[:0] = [str(ROOT / "scripts"), str(ROOT)]
    return env


def create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


class Process:
    """A child process we started, stopped by its own pid only."""

    def __init__(self, name: str, args: list[str], env: dict, log_dir: Path):
        self.name, self.args, self.env, self.log_dir = name, args, env, log_dir
        self.proc = None

    def start(self):
        out = open(self.log_dir / f"{self.name}.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(  # noqa: S603
            self.args, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
        return self

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=10)


def sink_lines(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line]


def wait_for(condition, timeout: float, step: float = 0.05, every=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if every:
            every()
        time.sleep(step)
    return condition()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18025)
    parser.add_argument("--followers", type=int, default=110)
    args = parser.parse_args()
    env = configure(args.port)
    create_database(env["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django_tasks_db.models import DBTaskResult

    from forum.models import Notification
    from forum.services import create_reply, follow_thread
    from forum.services.notifications import notification_message_id
    from tests.factories import make_user
    from tests.forum.factories import (
        accept_terms,
        make_board,
        make_members,
        make_thread,
    )

    work = Path(tempfile.mkdtemp(prefix="email-drill-"))
    log = work / "sink.jsonl"
    manage = [PYTHON, str(ROOT / "manage.py")]
    sink_args = [PYTHON, str(ROOT / "scripts" / "smtp_sink.py"), "--port"]
    sink_args += [str(args.port), "--log", str(log), "--delay", "0.03"]
    sink = Process("sink", sink_args, env, work).start()
    worker_args = [*manage, "db_worker", "--interval", "0.2", "--no-startup-delay"]
    worker = Process("worker", worker_args, env, work).start()
    time.sleep(1.5)

    def sweep():  # what cron does every few minutes in production
        subprocess.run(  # noqa: S603
            [*manage, "send_pending_emails"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def reply_to_thread(followers: int):
        thread = make_thread(board=make_board())
        for member in make_members(followers - 1):
            follow_thread(thread, actor=member)
        replier = make_user("member")
        accept_terms(replier)
        post = create_reply(thread, actor=replier, body="A drill reply.")
        rows = Notification.objects.filter(post=post).exclude(email="none")
        return post, rows

    failures = []
    try:
        # 1. The worker is killed (SIGKILL) in the middle of a 110-email batch.
        post_a, rows_a = reply_to_thread(args.followers)
        expected_a = rows_a.count()
        wait_for(lambda: len(sink_lines(log)) >= expected_a // 3, 60)
        worker.kill()
        killed_at = len(sink_lines(log))
        stuck = DBTaskResult.objects.filter(status="RUNNING").count()
        print(
            f"[1] worker killed after {killed_at}/{expected_a} emails; "
            f"tasks left RUNNING: {stuck}"
        )
        worker.start()
        done_a = wait_for(
            lambda: not rows_a.filter(email="queued").exists(), 90, 1, sweep
        )
        print(f"[1] all sent after the sweep: {done_a}")

        # 2. The relay stops while a reply's 11 emails go out, and comes back.
        post_b, rows_b = reply_to_thread(11)
        expected_b = rows_b.count()
        wait_for(lambda: rows_b.filter(email="sent").count() >= 3, 30)
        sink.kill(signal.SIGTERM)
        print(
            f"[2] relay stopped after "
            f"{rows_b.filter(email='sent').count()}/{expected_b} emails"
        )
        time.sleep(3)
        waiting = rows_b.filter(email="queued").count()
        errors = set(
            rows_b.exclude(email_error="").values_list("email_error", flat=True)
        )
        print(f"[2] waiting for the relay: {waiting}; errors: {sorted(errors)[:2]}")
        sink.start()
        done_b = wait_for(lambda: not rows_b.filter(email="queued").exists(), 60, 0.5)
        print(f"[2] all sent by the worker's deferred retries: {done_b}")
        if not done_b:
            done_b = wait_for(
                lambda: not rows_b.filter(email="queued").exists(), 30, 1, sweep
            )
    finally:
        worker.kill()
        sink.kill(signal.SIGTERM)

    delivered = sink_lines(log)
    by_id = Counter(line["message_id"] for line in delivered)
    to_by_id = {line["message_id"]: line["to"] for line in delivered}
    for label, rows in (("worker killed", rows_a), ("relay stopped", rows_b)):
        expected = {
            notification_message_id(pk): email
            for pk, email in rows.values_list("pk", "recipient__email")
        }
        missing = [mid for mid in expected if mid not in by_id]
        wrong = [
            mid for mid in expected if mid in by_id and to_by_id[mid] != [expected[mid]]
        ]
        resends = sum(by_id[mid] - 1 for mid in expected if mid in by_id)
        not_sent = rows.exclude(email="sent").count()
        print(
            f"{label}: expected {len(expected)}, delivered {len(expected) - len(missing)}"
            f" (unique Message-IDs), resends with the same Message-ID {resends}, "
            f"missing {len(missing)}, wrong recipient {len(wrong)}, rows not marked "
            f"sent {not_sent}"
        )
        if missing or wrong or not_sent:
            failures.append(label)
    unexpected = [mid for mid in by_id if not mid.startswith("<notification-")]
    if unexpected:
        failures.append("unexpected messages")
    print(f"logs in {work}")
    print("DRILL PASSED" if not failures else f"DRILL FAILED: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
