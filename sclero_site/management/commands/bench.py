"""Measure the CPU time and SQL queries of the main pages, and search latency.

Run through `make bench` (pages and search) or `make bench-search`, against a
database filled by `bench --load`. Prints a table; no assertion: the figures
go into docs/performance.md.
"""

import os
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Channel
from core.models import Topic
from forum.models import Board, Thread
from members.models import User
from sclero_site import benchdata
from search.caching import cached_search
from search.models import SearchEntry
from search.searching import run_search

SEARCH_QUERIES = [
    "tacrolimus", "tacrolimus ointment burning", "morphea", "lichen sclerosus itching",
    "methotrexate nausea", "methotrexate dose week", "mycophenolate", "hydroxychloroquine",
    "hydroxychloroquine eye", "raynaud cold hands", "fatigue", "fatigue sleep tired",
    "prednisolone side effects", "clobetasol cream", "skin tightness", "joint pain",
    "dermatologist appointment", "blood test results", "biopsy", "flare", "remission",
    "steroid", "pregnancy lupus", "sunscreen", "phototherapy", "physiotherapy exercise",
    "diet", "stress anxiety", "hair", "swimming", "winter gloves", "moisturiser itching",
    "immune", "pimecrolimus", "pimecrolimus cream redness", "support family",
    "work tired", "nurse", "pharmacy", "better after", "worse in winter", "plaque patch",
    "swelling fingers", "walking", "ultraviolet", "vitamin", "doctor worried",
    "side effects hair", "started stopped", "普特皮",
]  # fmt: skip


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _server_cpu_ms() -> float | None:
    """CPU time PostgreSQL's backend for this connection has used, when it runs on
    this machine (its /proc entry is readable): planning and executing, apart from
    the waits on the wire."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime are fields 14 and 15 of the whole line, in clock ticks.
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Command(BaseCommand):
    help = (
        "Benchmark pages (CPU ms, queries) and search (ms); --load adds volume first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--load", action="store_true", help="Add benchmark volume first."
        )
        parser.add_argument("--posts", type=int, default=100_000)
        parser.add_argument("--articles", type=int, default=1_000)
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--only", choices=["pages", "search", "none"], default=None)

    def handle(self, *args, **options):
        if options["load"]:
            benchdata.load(
                posts=options["posts"],
                articles=options["articles"],
                log=self.stdout.write,
            )
        if options["only"] in (None, "pages"):
            self.bench_pages(options["runs"])
        if options["only"] in (None, "search"):
            self.bench_search()

    def _pages(self) -> list[tuple[str, str]]:

        article = Article.objects.filter(status="published").order_by("-id").first()
        drug = (
            Article.objects.filter(status="published", kind="drug").first() or article
        )
        long_thread = Thread.objects.order_by("-reply_count").first()
        qa = Thread.objects.filter(board__kind="questions").order_by("-id").first()
        board = Board.objects.order_by("-thread_count").first()
        pages = [
            ("home", "/"),
            ("library", "/articles/"),
            ("article", article.get_absolute_url()),
            ("drug page", drug.get_absolute_url()),
            ("channel", f"/articles/channel/{Channel.objects.first().slug}/"),
            ("topic", Topic.objects.first().get_absolute_url()),
            ("forum index", "/forum/"),
            ("board", f"/forum/{board.slug}/"),
            ("thread p1", long_thread.get_absolute_url()),
            (
                "Q&A question",
                qa.get_absolute_url() if qa else long_thread.get_absolute_url(),
            ),
            ("search", "/search/?q=tacrolimus+ointment"),
            ("profile", f"/members/{User.objects.order_by('id').first().pk}/"),
        ]
        return pages

    def bench_pages(self, runs: int) -> None:

        anonymous = Client()
        member = Client()
        member.force_login(User.objects.get(email="member@demo.test"))
        self.stdout.write(
            "\nPages: median ms per request, CPU (this process) / wall (with the "
            "waits for PostgreSQL and Redis), and SQL queries"
        )
        self.stdout.write(
            f"{'page':<14}{'visitor cpu/wall':>20}{'member cpu/wall':>20}"
            f"{'member db ms':>14}{'member pg cpu':>15}{'queries':>9}"
        )
        postgres = connection.vendor == "postgresql"
        for name, url in self._pages():
            row = [name]
            queries, db_ms = 0, 0.0
            for client in (anonymous, member):
                for _ in range(3):
                    status = client.get(url).status_code
                    if status != 200:
                        raise CommandError(f"{url} answered {status}")
                cpu, wall, db = [], [], []
                server_before = _server_cpu_ms() if postgres else None
                for _ in range(runs):
                    reset_queries()
                    with CaptureQueriesContext(connection) as captured:
                        start, started = time.process_time(), time.perf_counter()
                        client.get(url)
                        cpu.append((time.process_time() - start) * 1000)
                        wall.append((time.perf_counter() - started) * 1000)
                    queries = max(queries, len(captured.captured_queries))
                    db.append(
                        sum(float(q["time"]) for q in captured.captured_queries) * 1000
                    )
                row.append(
                    f"{statistics.median(cpu):6.1f} / {statistics.median(wall):6.1f}"
                )
                db_ms = statistics.median(db)
                # The mean over the runs: the kernel counts in ticks (10 ms).
                server_after = _server_cpu_ms() if postgres else None
                server = (
                    f"{(server_after - server_before) / runs:.1f}"
                    if server_before is not None and server_after is not None
                    else "-"
                )
            self.stdout.write(
                f"{row[0]:<14}{row[1]:>20}{row[2]:>20}{db_ms:>14.1f}{server:>15}"
                f"{queries:>9}"
            )

    def bench_search(self) -> None:

        self.stdout.write(
            f"\nSearch over {SearchEntry.objects.count():,} entries "
            f"({connection.vendor}): 50 queries, 5 runs each, first page of results"
        )
        for query in SEARCH_QUERIES[:3]:
            run_search(query)  # warm caches and connections
        times = []
        for _ in range(5):
            for query in SEARCH_QUERIES:
                start = time.perf_counter()
                results = run_search(query)
                list(results.results)
                times.append((time.perf_counter() - start) * 1000)
        self._report("ranked by the database (no result cache)", times)
        # What /search/ does: the result page cache (search/caching.py) first.
        for query in SEARCH_QUERIES:
            cached_search(query)  # fills the cache, as the first searcher would
        times = []
        for _ in range(5):
            for query in SEARCH_QUERIES:
                start = time.perf_counter()
                list(cached_search(query).results)
                times.append((time.perf_counter() - start) * 1000)
        self._report("result cache warm (what /search/ does)", times)

    def _report(self, label: str, times: list[float]) -> None:
        self.stdout.write(
            f"{label}: median {statistics.median(times):.1f} ms, "
            f"p95 {_percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms"
        )
