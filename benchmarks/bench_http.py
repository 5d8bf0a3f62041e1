"""Reader pages over HTTP against the bare-Django ceiling (`make bench-http`).

Starts the site in its production configuration (gunicorn with 2 sync workers,
DEBUG off, the PostgreSQL bench database, Redis) and, served the same way, a
bare Django view (benchmarks/ceiling_settings.py). Then, for a few short rounds,
runs wrk over each page for a visitor and for a signed-in member (a session
cookie), alternating with the ceiling, and prints requests per second, p50 and
p99 latency and the ratio to the ceiling; the goals: visitors' thread, board,
forum index, home and article pages at 1/8 of the ceiling or better, members'
thread and board pages at 1/12. Also checks that the page views wrote nothing:
PostgreSQL's inserted/updated/deleted row counters before and after.

    make bench-http                      # or, with the bench environment set:
    python -m benchmarks.bench_http --duration 5 --rounds 2 [--write-docs]
"""

import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
SITE_PORT = 8093
CEILING_PORT = 8094
DOCS = ROOT / "docs" / "performance.md"
START, END = "<!-- bench-http:start -->", "<!-- bench-http:end -->"

# Page name → (visitor goal, member goal) as fractions of the ceiling.
GOALS = {
    "home": (1 / 8, None),
    "article": (1 / 8, None),
    "forum index": (1 / 8, None),
    "board": (1 / 8, 1 / 12),
    "thread p1": (1 / 8, 1 / 12),
}
PAGES = (
    "home",
    "library",
    "article",
    "channel",
    "topic",
    "forum index",
    "board",
    "thread p1",
    "Q&A question",
    "search",
)


def serve(app: str, settings_module: str, port: int, log: Path) -> subprocess.Popen:
    """gunicorn `app` (a WSGI path) with 2 sync workers, once it answers."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", app, "--workers", "2"]
        + ["--worker-class", "sync", "--bind", f"127.0.0.1:{port}"]
        + ["--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stderr=log.open("w"),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://localhost:{port}/", timeout=5).close()  # noqa: S310
            return process
        except urllib.error.HTTPError:
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"gunicorn on port {port} did not start; see {log}")


def fetch(url: str, cookie: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, *, seconds: int, cookie: str = "") -> dict:
    command = ["wrk", "-t2", "-c4", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(  # noqa: S603 (wrk with our arguments)
        command, capture_output=True, text=True, check=True
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s))\s*$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
    }


def row_counters() -> tuple[int, int, int]:
    """Rows inserted, updated, deleted in this database since the stats were reset."""
    from django.db import connection  # noqa: PLC0415 (after django.setup())

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT tup_inserted, tup_updated, tup_deleted FROM pg_stat_database"
            " WHERE datname = current_database()"
        )
        return tuple(cursor.fetchone())


def member_cookie() -> str:
    """A signed-in session for the demo member, as the login view would store it."""
    from importlib import import_module  # noqa: PLC0415

    from django.conf import settings  # noqa: PLC0415
    from django.contrib.auth import (  # noqa: PLC0415
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
    )

    from members.models import User  # noqa: PLC0415

    user = User.objects.get(email="member@demo.test")
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def page_urls() -> dict[str, str]:
    from sclero_site.management.commands.bench import Command  # noqa: PLC0415

    return {name: url for name, url in Command()._pages() if name in PAGES}


def goal_mark(ratio: float, goal: float | None) -> str:
    if goal is None:
        return ""
    return f"{'met' if ratio >= goal else 'NOT met'} (≥ 1/{round(1 / goal)})"


def measure(args, site_process) -> tuple[list[dict], dict, tuple]:
    site, ceiling = f"http://localhost:{SITE_PORT}", f"http://localhost:{CEILING_PORT}/"
    cookie = member_cookie()
    urls = page_urls()
    for name, url in urls.items():
        for who, sent in (("visitor", ""), ("member", cookie)):
            status, body = fetch(site + url, sent)
            if status != 200:
                raise SystemExit(f"{name} ({who}) answered {status}")
            signed_in = b"account/logout" in body or b"/logout/" in body
            if signed_in != (who == "member"):
                raise SystemExit(f"{name}: the {who} request was not seen as one")
            fetch(site + url, sent)  # warm
    before = row_counters()
    runs: dict[tuple[str, str], list[dict]] = {}
    ceilings: list[float] = []
    for round_number in range(args.rounds):
        print(f"round {round_number + 1}/{args.rounds}", flush=True)
        for name, url in urls.items():
            for who, sent in (("visitor", ""), ("member", cookie)):
                ceilings.append(wrk(ceiling, seconds=args.duration)["rps"])
                result = wrk(site + url, seconds=args.duration, cookie=sent)
                runs.setdefault((name, who), []).append(result)
                print(
                    f"  {name:<13} {who:<8} {result['rps']:8.1f} rps"
                    f"   ceiling {ceilings[-1]:8.1f}",
                    flush=True,
                )
    # PostgreSQL backends report their row counts when idle for a while or when
    # they disconnect: stop the site (its persistent connections) before reading.
    site_process.terminate()
    site_process.wait(timeout=30)
    time.sleep(1)
    after = row_counters()
    ceiling_rps = statistics.median(ceilings)
    rows = []
    for (name, who), results in runs.items():
        rps = statistics.median(r["rps"] for r in results)
        goal = GOALS.get(name, (None, None))[0 if who == "visitor" else 1]
        rows.append(
            {
                "page": name,
                "who": who,
                "rps": rps,
                "p50": statistics.median(r["p50"] for r in results),
                "p99": statistics.median(r["p99"] for r in results),
                "ratio": rps / ceiling_rps,
                "goal": goal_mark(rps / ceiling_rps, goal),
                "errors": sum(r["errors"] for r in results),
            }
        )
    writes = tuple(a - b for a, b in zip(after, before, strict=True))
    return rows, {"rps": ceiling_rps, "runs": len(ceilings)}, writes


def table(rows: list[dict], ceiling: dict, writes: tuple, args) -> str:
    lines = [
        f"Ceiling (bare Django view): **{ceiling['rps']:.0f} requests/s** "
        f"(median of {ceiling['runs']} runs).",
        "",
        "| page | who | requests/s | p50 ms | p99 ms | of ceiling | goal |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| {row['page']} | {row['who']} | {row['rps']:.0f}{errors} | "
            f"{row['p50']:.1f} | {row['p99']:.1f} | 1/{1 / row['ratio']:.1f} | "
            f"{row['goal']} |"
        )
    inserted, updated, deleted = writes
    lines += [
        "",
        f"Rows written by PostgreSQL during these page views: {inserted} inserted, "
        f"{updated} updated, {deleted} deleted (`pg_stat_database`).",
        "",
        f"wrk 2 threads, 4 connections, {args.duration} s per run, {args.rounds} "
        f"rounds, ceiling and page alternating; {datetime.datetime.now(datetime.UTC).date().isoformat()}.",
    ]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    document = DOCS.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in document and END in document:
        head, rest = document.split(START, 1)
        document = head + block + rest.split(END, 1)[1]
    else:
        document = document.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(document, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (Debian: apt-get install wrk)")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL bench database")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL: production caches in Redis")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sclero_site.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    logs = Path(os.environ.get("BENCH_HTTP_LOGS", "/tmp"))  # noqa: S108
    site = serve(
        "sclero_site.wsgi", "sclero_site.settings", SITE_PORT, logs / "bench-site.log"
    )
    ceiling = None
    try:
        ceiling = serve(
            "django.core.wsgi:get_wsgi_application()",
            "benchmarks.ceiling_settings",
            CEILING_PORT,
            logs / "bench-ceiling.log",
        )
        rows, ceiling_result, writes = measure(args, site)
    finally:
        for process in (site, ceiling):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
    text = table(rows, ceiling_result, writes, args)
    print()
    print(text)
    if args.write_docs:
        write_docs(text)
        print(f"\nWritten to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
