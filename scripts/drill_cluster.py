#!/usr/bin/env python
"""Cluster drill: the production topology of docs/scaling.md on one machine, with
its parts stopped under load.

Starts, each on its own loopback port and in its own temporary folder: a
PostgreSQL primary and a streaming replica (pg_basebackup), Redis, an S3 API
server (moto), two gunicorn app nodes, the worker, and haproxy in front with
health checks on /healthz. Then, with visitors reading and a member posting
replies (some with photos) through haproxy:

1. steady      everything up
2. node-down   app node 1 killed: requests keep succeeding through node 2
3. photos      a photo uploaded through node 1 is read through node 2
4. primary-down the primary stopped: pages read from the replica with the
               read-only banner, replies refused with the read-only message and
               the text given back, /healthz says read_only, no other 5xx
5. primary-up  the primary started again: replies are accepted again

Each phase prints its requests, 5xx, acknowledged and lost writes; every
acknowledged reply must be in the database at the end. Exits 1 on any failure.
Bounded in time; stops everything it started; touches nothing shared.

    .venv/bin/python scripts/drill_cluster.py      (make drill-cluster)
"""

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
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from drill import (
    PYTHON,
    ROOT,
    Browser,
    PrivatePostgres,
    as_postgres,
    pg_bin,
    pg_ctl,
    prepare_site,
    print,
    production_env,
    start_gunicorn,
    stop,
    thread_ids,
    wait_for,
)

PORT_BASE = int(os.environ.get("DRILL_PORT_BASE", "8460"))
LB, NODE1, NODE2 = PORT_BASE, PORT_BASE + 1, PORT_BASE + 2
PRIMARY_PORT, REPLICA_PORT = PORT_BASE + 10, PORT_BASE + 11
REDIS_PORT, S3_PORT = PORT_BASE + 12, PORT_BASE + 13
BASE = f"http://127.0.0.1:{LB}"
DEADLINE_SECONDS = 600
READ_ONLY_TEXT = "read-only for a few minutes"


@dataclass
class Phase:
    name: str
    requests: int = 0
    errors: Counter = field(default_factory=Counter)  # 5xx by path kind
    acknowledged: list[str] = field(default_factory=list)
    refused_read_only: int = 0
    problems: list[str] = field(default_factory=list)


class CountingBrowser(Browser):
    """Browser that charges every request to the current phase."""

    phase: Phase

    def request(self, path, data=None):
        status, text = super().request(path, data)
        self.phase.requests += 1
        if status >= 500:
            kind = "write" if data is not None else "read"
            self.phase.errors[kind] += 1
        return status, text

    def post_multipart(self, path, fields: dict, files: dict):
        boundary = uuid.uuid4().hex
        body = BytesIO()
        for name, value in fields.items():
            body.write(f"--{boundary}\r\nContent-Disposition: form-data; ".encode())
            body.write(f'name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content, kind) in files.items():
            body.write(f"--{boundary}\r\nContent-Disposition: form-data; ".encode())
            body.write(f'name="{name}"; filename="{filename}"\r\n'.encode())
            body.write(f"Content-Type: {kind}\r\n\r\n".encode() + content + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(self.base + path, data=body.getvalue())  # noqa: S310
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
                self.last_url = response.geturl()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        self.phase.requests += 1
        if status >= 500:
            self.phase.errors["write"] += 1
        return status, text


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (60, 40), random.choice(["teal", "orange", "navy"])).save(  # noqa: S311
        buffer, format="JPEG"
    )
    return buffer.getvalue()


def reply_form(browser, thread_id) -> tuple[dict, str]:
    url = f"/forum/t/{thread_id}/reply/"
    status, form = browser.request(url)
    if status >= 400:
        return {}, url
    data = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form))
    data["csrfmiddlewaretoken"] = browser.csrf()
    data["accept_terms"] = "on"
    return data, url


def new_body() -> str:
    letters = "".join(random.choices(string.ascii_lowercase, k=12))  # noqa: S311
    return f"Cluster drill reply {letters}"


def post_reply(browser, thread_id, *, photo=False) -> tuple[str, str, str]:
    """("posted" | "read-only" | "refused" | "5xx", body, page)."""
    data, url = reply_form(browser, thread_id)
    body = new_body()
    data["body"] = body
    if photo:
        data["alt_1"] = "A drill photo of a coloured square"
        status, page = browser.post_multipart(
            url, data, {"photo_1": ("drill.jpg", jpeg_bytes(), "image/jpeg")}
        )
    else:
        status, page = browser.request(url, data)
    if status >= 500:
        if READ_ONLY_TEXT in page and body in page:
            return "read-only", body, page
        return "5xx", body, page
    if not browser.last_url.endswith("/reply/"):
        return "posted", body, page
    return "refused", body, page


def refusal_reason(page: str) -> str:
    found = re.findall(r'class="errorlist[^"]*"[^>]*>\s*<li>([^<]+)', page)
    title = re.search(r"<title>([^<]*)</title>", page)
    return "; ".join(found) or (title.group(1) if title else "no reason shown")


REPLY_EVERY_SECONDS = 5.5  # the site's own limit: one reply per 5 s


def load_round(visitor, member, thread_id, phase: Phase, *, expect_read_only=False):
    """A visitor reads three pages, the member reads the thread, and replies when
    the site's rate limit allows."""
    for path in ("/", "/forum/", f"/forum/t/{thread_id}/"):
        status, page = visitor.request(path)
        if status == 200 and expect_read_only and READ_ONLY_TEXT not in page:
            phase.problems.append(f"no read-only banner on {path}")
    status, page = member.request(f"/forum/t/{thread_id}/")
    if status == 200 and expect_read_only and READ_ONLY_TEXT not in page:
        phase.problems.append("no read-only banner for the member")
    if time.monotonic() - getattr(member, "replied_at", 0) < REPLY_EVERY_SECONDS:
        return
    member.replied_at = time.monotonic()
    outcome, body, page = post_reply(member, thread_id)
    if outcome == "posted":
        phase.acknowledged.append(body)
    elif outcome == "read-only":
        phase.refused_read_only += 1
        if not expect_read_only:
            phase.problems.append(
                "a reply was refused as read-only with the primary up"
            )
    elif outcome == "refused":
        phase.problems.append(f"a reply was refused: {refusal_reason(page)}")
    else:
        phase.problems.append(
            f"a reply got a 5xx without the read-only message: {page[:300]}"
        )


def run_for(seconds, visitor, member, thread_id, phase, **options):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        load_round(visitor, member, thread_id, phase, **options)
        time.sleep(0.2)


def stored_bodies(env, bodies: list[str]) -> set[str]:
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


def newest_photo(env) -> tuple[int, str]:
    code = (
        "from forum.models import PostImage; p = PostImage.objects.latest('pk'); "
        "print(p.pk, p.image.name)"
    )
    done = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    pk, name = done.stdout.strip().splitlines()[-1].split()
    return int(pk), name


def start_replica(workdir: Path) -> Path:
    datadir = workdir / "replica"
    backup = [pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(PRIMARY_PORT)]
    backup += ["-U", "postgres", "-D", str(datadir), "-R", "-X", "stream"]
    subprocess.run(as_postgres(*backup), check=True)  # noqa: S603
    pg_ctl(datadir, "start", REPLICA_PORT)
    return datadir


def replica_sql(sql: str) -> str:
    psql = [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(REPLICA_PORT), "-U"]
    psql += ["postgres", "-d", "sclero_cluster", "-Atc", sql]
    return subprocess.run(psql, check=True, capture_output=True, text=True).stdout  # noqa: S603


def replica_reads() -> int:
    return int(
        replica_sql(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database"
            " WHERE datname = 'sclero_cluster'"
        )
    )


def replica_phase(visitor, member, thread_id) -> Phase:
    """Reads go to the replica; a member's own reply shows at once although the
    replica has not replayed it; a replica too far behind is not read."""
    phase = Phase("replica")
    visitor.phase = member.phase = phase
    time.sleep(6)  # past the member's read-your-writes pin
    before = replica_reads()
    for _ in range(5):
        member.request(f"/forum/t/{thread_id}/")
    if replica_reads() - before < 5:  # noqa: PLR2004
        phase.problems.append("the member's pages were not read from the replica")
    replica_sql("SELECT pg_wal_replay_pause()")
    try:
        outcome, body, _ = post_reply(member, thread_id)
        member.replied_at = time.monotonic()
        if outcome != "posted":
            phase.problems.append(f"a reply with the replica paused: {outcome}")
        else:
            phase.acknowledged.append(body)
            parts = urllib.parse.urlsplit(member.last_url)  # where the reply is shown
            last = parts.path + (f"?{parts.query}" if parts.query else "")
            _, page = member.request(last)
            if body not in page:
                phase.problems.append("the member's own reply was not shown at once")
            reader = CountingBrowser(BASE)
            reader.phase = phase
            time.sleep(3)  # the replica is now more than DJANGO_REPLICA_MAX_LAG behind
            reader.login("moderator@demo.test")
            _, page = reader.request(last)
            if body not in page:
                phase.problems.append("a lagging replica was still read")
    finally:
        replica_sql("SELECT pg_wal_replay_resume()")
    return phase


def start_haproxy(workdir: Path) -> subprocess.Popen:
    config = workdir / "haproxy.cfg"
    config.write_text(
        f"""global
    maxconn 256
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
    retry-on conn-failure empty-response response-timeout
frontend web
    bind 127.0.0.1:{LB}
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /healthz
    http-check send hdr Host 127.0.0.1
    http-check expect status 200
    server node1 127.0.0.1:{NODE1} check inter 1s fall 2 rise 2
    server node2 127.0.0.1:{NODE2} check inter 1s fall 2 rise 2
"""
    )
    process = subprocess.Popen(  # noqa: S603
        [shutil.which("haproxy") or "/usr/sbin/haproxy", "-db", "-f", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "haproxy.log", "w"),  # noqa: SIM115
    )
    wait_for(BASE + "/healthz")
    return process


def start_s3(workdir: Path, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(S3_PORT)],
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "s3.log", "w"),  # noqa: SIM115
    )
    wait_for(f"http://127.0.0.1:{S3_PORT}/")
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{S3_PORT}",
        region_name="us-east-1",
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    for bucket in ("drill-media", "drill-private"):
        client.create_bucket(Bucket=bucket)
    return process, client


def report(phase: Phase) -> None:
    print(
        f"  {phase.name:<13} requests {phase.requests:>4}  5xx reads "
        f"{phase.errors['read']:>2}  5xx writes {phase.errors['write']:>2}  "
        f"acknowledged {len(phase.acknowledged):>3}  refused read-only "
        f"{phase.refused_read_only:>2}"
    )
    for problem in dict.fromkeys(phase.problems):
        print(f"    problem: {problem}")


def main() -> int:  # noqa: C901, PLR0915 (one drill, told in order)
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="drill-cluster-"))
    primary = PrivatePostgres(workdir, PRIMARY_PORT)
    env = production_env(
        workdir,
        DATABASE_URL=primary.url("sclero_cluster"),
        DATABASE_REPLICA_URL=(
            f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/sclero_cluster"
        ),
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        DJANGO_DB_CONNECT_TIMEOUT="2",
        DJANGO_REPLICA_HEALTH_SECONDS="1",
        DJANGO_REPLICA_MAX_LAG="2",
        DJANGO_REPLICA_PIN_SECONDS="5",
        DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        DJANGO_S3_ENDPOINT_URL=f"http://127.0.0.1:{S3_PORT}",
        DJANGO_S3_REGION="us-east-1",
        DJANGO_S3_MEDIA_BUCKET="drill-media",
        DJANGO_S3_PRIVATE_BUCKET="drill-private",
        AWS_ACCESS_KEY_ID="drill",
        AWS_SECRET_ACCESS_KEY="drill-secret",  # noqa: S106 (the local S3 server's)
        FORUM_DUPLICATE_SECONDS="0",
    )
    processes: dict[str, subprocess.Popen] = {}
    replica_dir = None
    failures: list[str] = []
    phases: list[Phase] = []
    try:
        print(f"Starting the cluster in {workdir} ...")
        primary.start()
        primary.createdb("sclero_cluster")
        replica_dir = start_replica(workdir)
        processes["redis"] = subprocess.Popen(  # noqa: S603
            ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT)]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        processes["s3"], s3 = start_s3(workdir, env)
        print("Preparing the site (migrate, demo content, static files) ...")
        prepare_site(env)
        for name, port in (("node1", NODE1), ("node2", NODE2)):
            processes[name] = start_gunicorn(env, port, workdir / f"{name}.log")
        processes["worker"] = subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "run_worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / "worker.log", "w"),  # noqa: SIM115
        )
        processes["haproxy"] = start_haproxy(workdir)

        visitor, member = CountingBrowser(BASE), CountingBrowser(BASE)
        phase = Phase("steady")
        visitor.phase = member.phase = phase
        _, home = visitor.request("/")
        _, thread_id = thread_ids(home)[0]
        member.login()
        run_for(12, visitor, member, thread_id, phase)
        phases.append(phase)

        phase = Phase("node-down")
        visitor.phase = member.phase = phase
        processes["node1"].send_signal(signal.SIGKILL)
        processes["node1"].wait(timeout=10)
        run_for(12, visitor, member, thread_id, phase)
        phases.append(phase)
        processes["node1"] = start_gunicorn(env, NODE1, workdir / "node1b.log")

        phases.append(replica_phase(visitor, member, thread_id))

        time.sleep(REPLY_EVERY_SECONDS)
        phase = Phase("photos")
        visitor.phase = member.phase = phase
        node1, node2 = CountingBrowser(f"http://127.0.0.1:{NODE1}"), None
        node1.phase = phase
        node1.jar = member.jar  # the same member, straight to node 1
        node1.opener = member.opener
        node1.base = f"http://127.0.0.1:{NODE1}"
        outcome, body, page = post_reply(node1, thread_id, photo=True)
        if outcome != "posted":
            phase.problems.append(
                f"a photo reply through node 1: {outcome} {refusal_reason(page)}"
            )
        else:
            phase.acknowledged.append(body)
            pk, name = newest_photo(env)
            node2 = CountingBrowser(f"http://127.0.0.1:{NODE2}")
            node2.phase, node2.jar, node2.opener = phase, member.jar, member.opener
            request = urllib.request.Request(
                f"http://127.0.0.1:{NODE2}/forum/photos/{pk}/"
            )  # noqa: S310
            with member.opener.open(request, timeout=30) as response:
                through_node2 = response.read()
            in_bucket = s3.get_object(Bucket="drill-private", Key=name)["Body"].read()
            if through_node2 != in_bucket or not in_bucket.startswith(b"\xff\xd8"):
                phase.problems.append(
                    "the photo read through node 2 is not the stored one"
                )
            on_disk = list((ROOT / "private-media").glob(f"**/{Path(name).name}"))
            if on_disk:
                phase.problems.append("the photo was written to a node's disk")
        phases.append(phase)

        phase = Phase("primary-down")
        visitor.phase = member.phase = phase
        pg_ctl(primary.datadir, "stop", PRIMARY_PORT)
        noticed = wait_for_health(BASE, "read_only", 15)
        print(f"  the nodes noticed in {noticed:.1f} s")
        run_for(12, visitor, member, thread_id, phase, expect_read_only=True)
        status, body = health_json(BASE)
        if status != 200 or body.get("status") != "read_only":
            phase.problems.append(f"/healthz said {status} {body.get('status')}")
        if phase.refused_read_only == 0:
            phase.problems.append("no reply was refused with the read-only message")
        phases.append(phase)

        phase = Phase("primary-up")
        visitor.phase = member.phase = phase
        primary.start()
        time.sleep(REPLY_EVERY_SECONDS)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            outcome, body, _ = post_reply(member, thread_id)
            member.replied_at = time.monotonic()
            if outcome == "posted":
                phase.acknowledged.append(body)
                break
            if outcome == "read-only":  # still recovering: refused, text kept
                phase.refused_read_only += 1
            time.sleep(1)
        else:
            phase.problems.append("replies were not accepted again within 60 s")
        run_for(8, visitor, member, thread_id, phase)
        phases.append(phase)

        print("Phases:")
        acknowledged = [body for phase in phases for body in phase.acknowledged]
        stored = stored_bodies(env, acknowledged)
        for phase in phases:
            report(phase)
            lost = [body for body in phase.acknowledged if body not in stored]
            print(f"    lost writes {len(lost)}")
            if lost:
                failures.append(f"{phase.name}: {len(lost)} acknowledged replies lost")
            reads, writes = phase.errors["read"], phase.errors["write"]
            refused = phase.refused_read_only
            if reads or writes - refused:
                failures.append(f"{phase.name}: {reads + writes - refused} 5xx")
            failures += [f"{phase.name}: {p}" for p in dict.fromkeys(phase.problems)]
        if time.monotonic() - started > DEADLINE_SECONDS:
            failures.append("the drill took too long")
    finally:
        for name in ("haproxy", "node1", "node2", "worker", "s3", "redis"):
            stop(processes.get(name))
        if replica_dir is not None and (replica_dir / "postmaster.pid").exists():
            pg_ctl(replica_dir, "stop", REPLICA_PORT)
        primary.stop()
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        print(f"Logs kept in {workdir}")
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"Cluster drill passed in {time.monotonic() - started:.0f} s.")
    return 0


def wait_for_health(base: str, wanted: str, seconds: float) -> float:
    """Seconds until /healthz (through haproxy, both nodes) says `wanted`."""
    start = time.monotonic()
    seen = 0
    while time.monotonic() - start < seconds:
        seen = seen + 1 if health_json(base)[1].get("status") == wanted else 0
        if seen >= 2:  # noqa: PLR2004 (once from each node, round robin)
            return time.monotonic() - start
        time.sleep(0.2)
    raise SystemExit(f"/healthz never said {wanted}")


def health_json(base: str):
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=10) as r:  # noqa: S310
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
