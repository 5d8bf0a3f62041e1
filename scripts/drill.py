"""What the fault drills share: a private PostgreSQL, a production-mode web server,
and a cookie-keeping client that counts every status it gets.

Nothing shared is touched: each drill starts its own servers on its own ports.
"""

import functools
import http.cookiejar
import json
import os
import random
import re
import shutil
import string
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

print = functools.partial(print, flush=True)  # noqa: A001 (progress as it happens)
ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def run(*args, env, quiet=True):
    subprocess.run(  # noqa: S603 (our own commands)
        args,
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def production_env(workdir: Path, **overrides) -> dict:
    """DEBUG off, our own secret, plain HTTP on 127.0.0.1, no inherited settings."""
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE", "REDIS"))
    }
    return inherited | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "fault-drill-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        **overrides,
    }


def prepare_site(env) -> None:
    """Migrate, load the demo content and collect the static files."""
    run(PYTHON, "manage.py", "migrate", "-v0", env=env)
    run(PYTHON, "manage.py", "seed_demo", "--force", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)


def start_gunicorn(env, port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "sclero_site.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stderr=open(log, "w"),  # noqa: SIM115
    )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return process


def stop(*processes) -> None:
    for process in processes:
        if process and process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)),
        None,
    )
    if not found:
        raise SystemExit(f"{name} not found")
    return str(found)


def as_postgres(*args: str) -> list[str]:
    return (
        ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)
    )


def pg_ctl(datadir: Path, action: str, port: int) -> None:
    options = ["-o", f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1"]
    cmd = [pg_bin("pg_ctl"), "-D", str(datadir), "-l", str(datadir / "log"), "-w"]
    cmd += [*options, action] if action == "start" else [action, "-m", "fast"]
    subprocess.run(as_postgres(*cmd), check=True, stdout=subprocess.DEVNULL)  # noqa: S603


class PrivatePostgres:
    """initdb in `workdir`, started on `port` (as the postgres user when run as root)."""

    def __init__(self, workdir: Path, port: int):
        self.port = port
        self.datadir = workdir / "pg"
        self.datadir.mkdir()
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres")
            shutil.chown(self.datadir, "postgres")
        init = [pg_bin("initdb"), "-D", str(self.datadir), "-A", "trust"]
        init = as_postgres(*init, "-U", "postgres")
        subprocess.run(init, check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        pg_ctl(self.datadir, "start", self.port)

    def stop(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            pg_ctl(self.datadir, "stop", self.port)

    def createdb(self, name: str) -> None:
        createdb = [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
        subprocess.run([*createdb, "-U", "postgres", name], check=True)  # noqa: S603


class PlainHttpPolicy(http.cookiejar.DefaultCookiePolicy):
    """Send the production (Secure) cookies over the drill's plain-HTTP socket."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """A cookie-keeping client that records every status it gets."""

    def __init__(self, base: str):
        self.base = base
        jar = http.cookiejar.CookieJar(PlainHttpPolicy())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar)
        )
        self.jar = jar
        self.statuses = Counter()
        self.last_url = ""

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)  # noqa: S310 (local)
        req.add_header("Referer", self.base + path)
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

    def login(self, email="member@demo.test", password="demo-password-1"):  # noqa: S107 (the demo login)
        self.request("/accounts/login/")
        self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": self.csrf(), "login": email, "password": password},
        )

    def reply(self, thread_id) -> tuple[object, str]:
        """Reply as the logged-in member: ("posted" | "refused (…)" | a 5xx, the text)."""
        url = f"/forum/t/{thread_id}/reply/"
        status, form = self.request(url)
        if status >= 500:
            return status, ""
        data = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form))
        # Letters only: digits could read as a phone number to the screening.
        body = "Fault drill reply " + "".join(
            random.choices(string.ascii_lowercase, k=12)  # noqa: S311
        )
        data |= {"body": body, "accept_terms": "on"}
        data["csrfmiddlewaretoken"] = self.csrf()
        status, page = self.request(url, data)
        if status >= 500:
            return status, body
        # Posted: redirected to the thread; refused: the form again, with the reason.
        if not self.last_url.endswith("/reply/"):
            return "posted", body
        reasons = re.findall(r'class="errorlist[^"]*"[^>]*>\s*<li>([^<]+)', page)
        return f"refused ({'; '.join(reasons) or self.last_url})", body

    def login_and_reply(self, thread_id):
        """Log in as the demo member and reply: "posted", "refused" or the 5xx."""
        self.login()
        return self.reply(thread_id)[0]


def thread_ids(html: str) -> list[tuple[str, str]]:
    """(path, id) of the forum threads linked from a page, in order."""
    return list(dict.fromkeys(re.findall(r'href="(/forum/t/(\d+)/[^"/]+/)"', html)))


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


def health(base: str):
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=10) as r:  # noqa: S310
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
