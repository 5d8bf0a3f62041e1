#!/usr/bin/env python
"""Fault drill: stop Redis under load and count 5xx answers (there must be none).

Starts its own Redis (port 6391) and gunicorn (port 8091) in production mode over a
fresh SQLite database with the demo content, sends a bounded loop of requests (pages,
/healthz, a login and a reply as the demo member), stops Redis halfway, starts it
again near the end, and exits 1 if any answer was 5xx. Nothing shared is touched.

    .venv/bin/python scripts/fault_redis.py [--requests 300]
"""

import argparse
import functools
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

print = functools.partial(print, flush=True)  # noqa: A001 (progress as it happens)
ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REDIS_PORT = int(os.environ.get("FAULT_REDIS_PORT", "6391"))
WEB_PORT = int(os.environ.get("FAULT_WEB_PORT", "8091"))
BASE = f"http://127.0.0.1:{WEB_PORT}"
PAGES = ["/", "/forum/", "/articles/", "/search/?q=skin", "/accounts/login/"]


def run(*args, env, quiet=True):
    subprocess.run(  # noqa: S603 (our own commands)
        args,
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


class PlainHttpPolicy(http.cookiejar.DefaultCookiePolicy):
    """Send the production (Secure) cookies over the drill's plain-HTTP socket."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """A cookie-keeping client that records every status it gets."""

    def __init__(self):
        jar = http.cookiejar.CookieJar(PlainHttpPolicy())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar)
        )
        self.jar = jar
        self.statuses = Counter()
        self.last_url = ""

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(BASE + path, data=body)  # noqa: S310 (local)
        req.add_header("Referer", BASE + path)
        try:
            with self.opener.open(req, timeout=30) as response:
                status, text = response.status, response.read().decode()
                self.last_url = response.geturl()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
            self.last_url = error.geturl()
        self.statuses[status] += 1
        if status >= 500:
            print(f"  {status} on {path}")
        return status, text

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def login_and_reply(self, thread_id):
        """Log in as the demo member and reply: "posted", "refused" or the 5xx."""
        self.request("/accounts/login/")
        self.request(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": self.csrf(),
                "login": "member@demo.test",
                "password": "demo-password-1",
            },
        )
        url = f"/forum/t/{thread_id}/reply/"
        _, form = self.request(url)
        data = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form))
        data |= {
            # Letters only: digits could read as a phone number to the screening.
            "body": "Fault drill reply "
            + "".join(random.choices(string.ascii_lowercase, k=12)),  # noqa: S311
            "accept_terms": "on",
        }
        data["csrfmiddlewaretoken"] = self.csrf()
        status, page = self.request(url, data)
        if status >= 500:
            return status
        # Posted: redirected to the thread; refused: the form again, with the reason.
        if not self.last_url.endswith("/reply/"):
            return "posted"
        reasons = re.findall(r'class="errorlist[^"]*"[^>]*>\s*<li>([^<]+)', page)
        return f"refused ({'; '.join(reasons) or self.last_url})"


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 (local)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds}s")


def health():
    try:
        with urllib.request.urlopen(BASE + "/healthz", timeout=10) as r:  # noqa: S310
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="fault-redis-"))
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))
    } | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "fault-drill-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    }
    redis = gunicorn = None
    try:
        redis_args = ["redis-server", "--port", str(REDIS_PORT), "--save", ""]
        redis_args += ["--appendonly", "no"]
        redis = subprocess.Popen(redis_args, stdout=subprocess.DEVNULL)  # noqa: S603
        print(f"Preparing {workdir} (migrate, demo content, static files)...")
        run(PYTHON, "manage.py", "migrate", "-v0", env=env)
        run(PYTHON, "manage.py", "seed_demo", "--force", env=env)
        run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
        gunicorn = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "sclero_site.wsgi", "--workers", "2"]
            + ["--bind", f"127.0.0.1:{WEB_PORT}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stderr=open(workdir / "gunicorn.log", "w"),  # noqa: SIM115
        )
        wait_for(BASE + "/healthz")
        browser = Browser()
        _, home = browser.request("/")
        threads = list(
            dict.fromkeys(re.findall(r'href="(/forum/t/(\d+)/[^"/]+/)"', home))
        )
        pages = PAGES + [path for path, _ in threads[:3]]
        thread_id = threads[0][1] if threads else None
        replies = Counter()
        print(f"Healthy: {health()}")
        stop_at, start_at = args.requests // 3, 5 * args.requests // 6
        for i in range(args.requests):
            if i == stop_at:
                redis.send_signal(signal.SIGTERM)
                redis.wait(timeout=10)
                print(f"Redis stopped after {i} requests; healthz: {health()}")
            if i == start_at:
                redis = subprocess.Popen(redis_args, stdout=subprocess.DEVNULL)  # noqa: S603
                time.sleep(1)
                print(f"Redis started again after {i} requests; healthz: {health()}")
            if i % 25 == 0 and thread_id:
                member = Browser()
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
        for process in (gunicorn, redis):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
