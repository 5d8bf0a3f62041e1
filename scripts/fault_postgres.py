#!/usr/bin/env python
"""Fault drill: PostgreSQL stops for 10 s under load. Pages answer 503 with
Retry-After (never 500), every reply the site acknowledged is still there
afterwards, and the site serves again by itself.

Starts its own PostgreSQL (port 5440) and gunicorn (port 8092) in production mode
with the demo content, logs in as the demo member, and keeps reading pages and
posting replies while PostgreSQL is stopped for 10 s and started again. Exits 1 on
any 500, a missing 503, an acknowledged reply that is not in the database, or a
site that does not come back. Nothing shared is touched.

    .venv/bin/python scripts/fault_postgres.py
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drill import (
    PYTHON,
    ROOT,
    Browser,
    PrivatePostgres,
    prepare_site,
    print,
    production_env,
    start_gunicorn,
    stop,
    thread_ids,
)

PG_PORT = int(os.environ.get("FAULT_PG_PORT", "5440"))
WEB_PORT = int(os.environ.get("FAULT_WEB_PORT", "8092"))
BASE = f"http://127.0.0.1:{WEB_PORT}"
OUTAGE_SECONDS = 10


def stored_bodies(env, bodies: list[str]) -> set[str]:
    """Which of `bodies` the database holds as post texts."""
    code = (
        "import sys, json; from forum.models import Post; "
        "wanted = json.loads(sys.stdin.read()); "
        "print(json.dumps(list(Post.objects.filter(body__in=wanted)"
        ".values_list('body', flat=True))))"
    )
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        input=json.dumps(bodies),
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="fault-postgres-"))
    postgres = PrivatePostgres(workdir, PG_PORT)
    env = production_env(
        workdir,
        DATABASE_URL=postgres.url("sclero_fault"),
        DJANGO_DB_CONNECT_TIMEOUT="2",
    )
    gunicorn = None
    failures = []
    try:
        postgres.start()
        postgres.createdb("sclero_fault")
        print(f"Preparing {workdir} (migrate, demo content, static files)...")
        prepare_site(env)
        gunicorn = start_gunicorn(env, WEB_PORT, workdir / "gunicorn.log")
        browser = Browser(BASE)
        _, home = browser.request("/")
        path, thread_id = thread_ids(home)[0]
        browser.login()
        acknowledged, outage_statuses = [], []
        outcome, body = browser.reply(thread_id)
        if outcome == "posted":
            acknowledged.append(body)
        postgres.stop()
        print(f"PostgreSQL stopped for {OUTAGE_SECONDS} s")
        deadline = time.monotonic() + OUTAGE_SECONDS
        while time.monotonic() < deadline:
            status, _ = browser.request(path)
            outage_statuses.append(status)
            outcome, body = browser.reply(thread_id)
            if outcome == "posted":
                acknowledged.append(body)
            time.sleep(0.5)
        postgres.start()
        print("PostgreSQL started again")
        recovered = None
        for attempt in range(30):
            status, _ = browser.request(path)
            if status == 200:  # noqa: PLR2004
                recovered = attempt
                break
            time.sleep(1)
        outcome, body = browser.reply(thread_id)
        if outcome == "posted":
            acknowledged.append(body)
        kept = stored_bodies(env, acknowledged)
        print(f"Statuses during the outage: {sorted(set(outage_statuses))}")
        print(f"All statuses: {dict(sorted(browser.statuses.items()))}")
        print(
            f"Acknowledged replies: {len(acknowledged)}, in the database: {len(kept)}"
        )
        print(
            f"Serving again after {recovered} retries" if recovered is not None else ""
        )
        if browser.statuses.get(500):
            failures.append("a 500 answer")
        if 503 not in outage_statuses:  # noqa: PLR2004
            failures.append("no 503 during the outage")
        if set(acknowledged) - kept:
            failures.append("an acknowledged reply is missing")
        if recovered is None:
            failures.append("the site did not come back")
        if outcome != "posted":
            failures.append(f"replying after the outage: {outcome}")
    finally:
        stop(gunicorn)
        postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print("FAILED: " + "; ".join(failures) if failures else "OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
