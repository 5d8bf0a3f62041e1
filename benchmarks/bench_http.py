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

With `--scale`, then measures the thread page (the peer shape's thread of 1,000
replies) and search at each data size whose database is built (`make bench-data
SIZE=1k|100k|1m`): p50 and p95 of sequential requests, and whether the 1M figure
stays within 1.5x of the 1k one.

    make bench-http                      # or, with the bench environment set:
    python -m benchmarks.bench_http --duration 5 --rounds 2 [--scale] [--write-docs]
"""

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
SITE_PORT = 8093
CEILING_PORT = 8094
DOCS = ROOT / "docs" / "performance.md"
START, END = "<!-- bench-http:start -->", "<!-- bench-http:end -->"
SCALE_START, SCALE_END = "<!-- bench-scale:start -->", "<!-- bench-scale:end -->"
# Data size → database (see `make bench-data SIZE=...`).
SIZES = {"1k": "sclero_bench_1k", "100k": "sclero_bench", "1m": "sclero_bench_1m"}
SCALE_LIMIT = 1.5  # the 1M figure may be at most this many times the 1k one
SEARCH_GOAL_MS = 50  # search p95 at 100k posts, caches warm

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


def write_docs(text: str, start: str = START, end: str = END) -> None:
    document = DOCS.read_text(encoding="utf-8")
    block = f"{start}\n{text}\n{end}"
    if start in document and end in document:
        head, rest = document.split(start, 1)
        document = head + block + rest.split(end, 1)[1]
    else:
        document = document.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(document, encoding="utf-8")


def timed(url: str, cookie: str = "") -> float:
    start = time.perf_counter()
    status, _ = fetch(url, cookie)
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    return (time.perf_counter() - start) * 1000


def _p50_p95(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
    }


def measure_one_size(requests: int) -> dict:
    """At the database in DATABASE_URL: the thread page (visitor, member) and
    search, as p50/p95 of sequential requests to the site under gunicorn."""
    from forum.models import Post  # noqa: PLC0415
    from sclero_site.management.commands.bench import SEARCH_QUERIES  # noqa: PLC0415

    logs = Path(os.environ.get("BENCH_HTTP_LOGS", "/tmp"))  # noqa: S108
    site_process = serve(
        "sclero_site.wsgi", "sclero_site.settings", SITE_PORT, logs / "bench-site.log"
    )
    try:
        site = f"http://localhost:{SITE_PORT}"
        cookie = member_cookie()
        thread = site + page_urls()["thread p1"]
        result = {"posts": Post.objects.count()}
        for who, sent in (("visitor", ""), ("member", cookie)):
            for _ in range(5):
                timed(thread, sent)
            result[f"thread {who}"] = _p50_p95(
                [timed(thread, sent) for _ in range(requests)]
            )
        searches = [
            f"{site}/search/?{urllib.parse.urlencode({'q': query})}"
            for query in SEARCH_QUERIES
        ]
        # First time each query is asked: ranked by the database (result cache cold).
        result["search cold"] = _p50_p95([timed(url) for url in searches])
        # Asked again: what most searches cost once the popular ones are cached
        # (visitors: the whole page; members: the result page, rendered for them).
        result["search warm"] = _p50_p95(
            [timed(url) for _ in range(3) for url in searches]
        )
        # The member's results are kept apart from visitors' (members may find
        # members-only threads): their first pass fills them, the next two count.
        for url in searches:
            timed(url, cookie)
        result["search warm member"] = _p50_p95(
            [timed(url, cookie) for _ in range(2) for url in searches]
        )
        return result
    finally:
        site_process.terminate()
        site_process.wait(timeout=30)


def database_ready(url: str) -> bool:
    """The size's database exists and its load finished (the peer thread is named)."""
    import psycopg  # noqa: PLC0415 (only the scale run needs it)

    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            return bool(
                connection.execute(
                    "SELECT 1 FROM forum_thread WHERE slug = 'bench-peer-thread'"
                ).fetchone()
            )
    except psycopg.Error:
        return False


def measure_scale(args) -> dict[str, dict | None]:
    """Each built size in its own process (settings are read once per process),
    with its own cache prefix so sizes never share cached pages."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    results: dict[str, dict | None] = {}
    for size, name in SIZES.items():
        url = f"{base}/{name}"
        if not database_ready(url):
            print(f"scale {size}: {name} is not built (make bench-data SIZE={size})")
            results[size] = None
            continue
        print(f"scale {size}: measuring on {name}", flush=True)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_CACHE_PREFIX": f"bench-scale-{size}",
        }
        # The code may have gained migrations since that size was built.
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        out = subprocess.run(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "benchmarks.bench_http", "--one-size"]
            + ["--requests", str(args.requests)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[size] = json.loads(out.strip().splitlines()[-1])
    return results


SCALE_ROWS = (
    "thread visitor",
    "thread member",
    "search cold",
    "search warm",
    "search warm member",
)


def scale_goals(results: dict[str, dict | None]) -> list[str]:
    """Every goal of the scale run, met or NOT met (or not measured)."""
    lines = []
    small, large = results.get("1k"), results.get("1m")
    for row in (
        "thread visitor",
        "thread member",
        "search warm",
        "search warm member",
        "search cold",
    ):
        if not small or not large:
            lines.append(f"{row} p95 within {SCALE_LIMIT}x from 1k to 1M: NOT measured")
            continue
        ratio = large[row]["p95"] / small[row]["p95"]
        mark = "met" if ratio <= SCALE_LIMIT else "NOT met"
        lines.append(
            f"{row} p95 within {SCALE_LIMIT}x from 1k to 1M: {mark} "
            f"({small[row]['p95']:.1f} → {large[row]['p95']:.1f} ms, {ratio:.2f}x)"
        )
    middle = results.get("100k")
    for row in ("search warm", "search warm member", "search cold"):
        if middle:
            p95 = middle[row]["p95"]
            mark = "met" if p95 < SEARCH_GOAL_MS else "NOT met"
            lines.append(
                f"{row} p95 < {SEARCH_GOAL_MS} ms at 100k posts: {mark} ({p95:.1f} ms)"
            )
    return lines


def scale_table(results: dict[str, dict | None], args) -> str:
    sizes = [size for size in SIZES if results.get(size)]
    lines = [
        "| measure | "
        + " | ".join(
            f"{size} ({results[size]['posts']:,} posts) p50 / p95 ms" for size in sizes
        )
        + " |",
        "| --- |" + " --- |" * len(sizes),
    ]
    for row in SCALE_ROWS:
        cells = [
            f"{results[size][row]['p50']:.1f} / {results[size][row]['p95']:.1f}"
            for size in sizes
        ]
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    missing = [size for size in SIZES if not results.get(size)]
    lines += ["", *(f"- {goal}" for goal in scale_goals(results))]
    if missing:
        lines.append(f"- not built, not measured: {', '.join(missing)}")
    lines += [
        "",
        f"Sequential requests over HTTP (gunicorn, 2 sync workers): the thread of "
        f"1,000 replies, page 1, {args.requests} requests each after 5 warm-up ones; "
        f"search: the 50 queries of `make bench-search` once (cold: ranked by the "
        f"database) and then 3 more times (warm: visitors get the cached page, the "
        f"member, after one pass of their own, 2 more times: the cached result page "
        f"rendered for them); "
        f"{datetime.datetime.now(datetime.UTC).date().isoformat()}.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument(
        "--scale", action="store_true", help="then the thread page and search per size"
    )
    parser.add_argument(
        "--scale-only", action="store_true", help="only the per-size measures"
    )
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--one-size", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (Debian: apt-get install wrk)")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL bench database")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL: production caches in Redis")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sclero_site.settings")
    sys.path.insert(0, str(ROOT))
    if args.one_size:
        django.setup()
        print(json.dumps(measure_one_size(args.requests)))
        return
    if not args.scale_only:
        pages(args)
    if args.scale or args.scale_only:
        results = measure_scale(args)
        text = scale_table(results, args)
        print()
        print(text)
        if args.write_docs:
            write_docs(text, SCALE_START, SCALE_END)
            print(f"\nWritten to {DOCS.relative_to(ROOT)}")


def pages(args) -> None:
    """The pages against the ceiling, visitor and member, with their goals."""
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
