#!/usr/bin/env python
"""Fault drill: the worker lives through a 10 s PostgreSQL outage and exits 75 after
a long one.

Starts a private PostgreSQL (initdb in a temporary directory, port 5439, run as the
`postgres` user when started by root), migrates a fresh database, runs
`manage.py run_worker`, and checks that:

1. a queued task is run;
2. PostgreSQL stopped for 10 s and started again: the worker is still running and
   runs the next task;
3. PostgreSQL stopped for longer than --db-retry-seconds: the worker exits 75.

    .venv/bin/python scripts/fault_worker.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drill import PYTHON, ROOT, PrivatePostgres, print

PORT = int(os.environ.get("FAULT_PG_PORT", "5439"))
RETRY_SECONDS = 15
ENQUEUE = (
    "from forum.tasks import send_post_emails; print(send_post_emails.enqueue(0).id)"
)
STATUS = "from django_tasks_db.models import DBTaskResult as R; print(R.objects.get(pk='{}').status)"


def manage(env, *args) -> str:
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def wait_for_task(env, task_id: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = manage(env, "shell", "-c", STATUS.format(task_id))
        if status in {"SUCCESSFUL", "FAILED"}:
            return status
        time.sleep(1)
    return "still waiting"


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="fault-worker-"))
    postgres = PrivatePostgres(workdir, PORT)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE", "REDIS"))
    } | {
        "DATABASE_URL": postgres.url("sclero_fault"),
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
    }
    worker = None
    failures = []
    try:
        postgres.start()
        postgres.createdb("sclero_fault")
        manage(env, "migrate", "-v0")
        log = open(workdir / "worker.log", "w")  # noqa: SIM115
        worker = subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "run_worker", "--no-reload", "--interval", "0.5"]
            + [f"--db-retry-seconds={RETRY_SECONDS}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        first = manage(env, "shell", "-c", ENQUEUE)
        print(f"1. task before the outage: {wait_for_task(env, first)}")

        postgres.stop()
        print("2. PostgreSQL stopped for 10 s...")
        time.sleep(10)
        postgres.start()
        alive = worker.poll() is None
        second = manage(env, "shell", "-c", ENQUEUE)
        status = wait_for_task(env, second)
        print(f"   worker alive after the blip: {alive}; next task: {status}")
        if not alive or status == "still waiting":
            failures.append("the worker did not live through a 10 s outage")

        postgres.stop()
        print(f"3. PostgreSQL stopped for good (retry window {RETRY_SECONDS} s)...")
        try:
            code = worker.wait(timeout=RETRY_SECONDS + 45)
        except subprocess.TimeoutExpired:
            code = None
        print(f"   worker exit status: {code}")
        if code != 75:  # noqa: PLR2004 (EX_TEMPFAIL)
            failures.append(f"expected exit status 75, got {code}")
        log.close()
        print("   worker log (last lines):")
        for line in (workdir / "worker.log").read_text().splitlines()[-4:]:
            print(f"     {line}")
    finally:
        if worker and worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)
        postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print("FAILED: " + "; ".join(failures) if failures else "OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
