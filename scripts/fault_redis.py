#!/usr/bin/env python
"""Fault drill: stop Redis under load and count 5xx answers (there must be none).

Starts its own Redis (port 6391) and gunicorn (port 8091) in production mode over a
fresh SQLite database with the demo content, sends a bounded loop of requests (pages,
/healthz, a login and a reply as the demo member), stops Redis halfway, starts it
again near the end, and exits 1 if any answer was 5xx. Nothing shared is touched.

    .venv/bin/python scripts/fault_redis.py [--requests 300]
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from drill import (
    Browser,
    health,
    prepare_site,
    print,
    production_env,
    start_gunicorn,
    stop,
    thread_ids,
)

REDIS_PORT = int(os.environ.get("FAULT_REDIS_PORT", "6391"))
WEB_PORT = int(os.environ.get("FAULT_WEB_PORT", "8091"))
BASE = f"http://127.0.0.1:{WEB_PORT}"
PAGES = ["/", "/forum/", "/articles/", "/search/?q=skin", "/accounts/login/"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="fault-redis-"))
    env = production_env(
        workdir,
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
    )
    redis = gunicorn = None
    try:
        redis_args = ["redis-server", "--port", str(REDIS_PORT), "--save", ""]
        redis_args += ["--appendonly", "no"]
        redis = subprocess.Popen(redis_args, stdout=subprocess.DEVNULL)  # noqa: S603
        print(f"Preparing {workdir} (migrate, demo content, static files)...")
        prepare_site(env)
        gunicorn = start_gunicorn(env, WEB_PORT, workdir / "gunicorn.log")
        browser = Browser(BASE)
        _, home = browser.request("/")
        threads = thread_ids(home)
        pages = PAGES + [path for path, _ in threads[:3]]
        thread_id = threads[0][1] if threads else None
        replies = Counter()
        print(f"Healthy: {health(BASE)}")
        stop_at, start_at = args.requests // 3, 5 * args.requests // 6
        for i in range(args.requests):
            if i == stop_at:
                redis.send_signal(signal.SIGTERM)
                redis.wait(timeout=10)
                print(f"Redis stopped after {i} requests; healthz: {health(BASE)}")
            if i == start_at:
                redis = subprocess.Popen(redis_args, stdout=subprocess.DEVNULL)  # noqa: S603
                time.sleep(1)
                print(
                    f"Redis started again after {i} requests; healthz: {health(BASE)}"
                )
            if i % 25 == 0 and thread_id:
                member = Browser(BASE)
                replies[member.login_and_reply(thread_id)] += 1
                browser.statuses.update(member.statuses)
            browser.request(pages[i % len(pages)])
        errors = sum(n for status, n in browser.statuses.items() if status >= 500)
        print(f"All statuses: {dict(sorted(browser.statuses.items()))}")
        print(f"Login + reply answers: {dict(replies)}; 5xx: {errors}")
        log = (workdir / "gunicorn.log").read_text(errors="replace")
        print(f"Logged ignored cache errors: {log.count('Exception ignored')}")
        return 1 if errors else 0
    finally:
        stop(gunicorn, redis)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
