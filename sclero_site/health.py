"""What /healthz reports: each dependency's state, and whether the site can serve.

The database is the one hard dependency: without it nothing can be shown, so the
probe answers 503 and the load balancer takes the server out. Without the cache the
site still serves (core/cache.py answers misses; sessions come from the database),
so the probe answers 200 with status "degraded". The worker queue's age is reported
for monitoring: the oldest task waiting to run, when tasks go through the database,
and the tasks stuck RUNNING after their worker died (core/stuck_tasks.py).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import replicas
from core.stuck_tasks import stuck_summary

DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
# A task waiting longer than this means the worker is down or far behind.
QUEUE_MAX_AGE_SECONDS = 900


def check_database(alias: str = "default") -> dict:
    try:
        target = connection if alias == "default" else connections[alias]
        with target.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        if alias == "default" and replicas.replica_configured():
            replicas.mark_primary_down()  # this node's pages go read-only at once
        return {"ok": False, "error": error.__class__.__name__}
    if alias == "default":
        replicas.mark_primary_up()
    return {"ok": True}


def check_replica() -> dict:
    found = check_database(replicas.REPLICA_ALIAS)
    if found["ok"]:
        try:
            found["lag_seconds"] = round(replicas.replica_lag_seconds(), 1)
        except DatabaseError as error:
            return {"ok": False, "error": error.__class__.__name__}
        found["usable"] = found["lag_seconds"] <= settings.REPLICA_MAX_LAG
    return found


def check_cache() -> dict:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    if hasattr(cache, "is_reachable"):  # core.cache: ask Redis itself
        return {"ok": cache.is_reachable(), "backend": backend}
    try:
        cache.set("healthz:probe", 1, 10)
        ok = cache.get("healthz:probe") == 1
    except Exception:  # noqa: BLE001 (any cache error means "down")
        ok = False
    return {"ok": ok, "backend": backend}


def check_queue() -> dict:
    """The oldest READY task's wait, in seconds (None when the queue is empty).

    A scheduled task waits from its `run_after`, any other from `enqueued_at`."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DATABASE_TASKS_BACKEND:
        return {"backend": backend.rsplit(".", 1)[-1], "checked": False}
    ready = DBTaskResult.objects.ready()
    oldest = (
        ready.order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    )
    age = None
    if oldest is not None:
        enqueued_at, run_after = oldest
        due = enqueued_at if run_after > timezone.now() else max(enqueued_at, run_after)
        age = round(max(0.0, (timezone.now() - due).total_seconds()), 1)
    stuck = stuck_summary()  # RUNNING past TASKS_STUCK_SECONDS: a dead worker's
    return {
        "backend": "DatabaseBackend",
        "checked": True,
        "ready": ready.count(),
        "oldest_ready_seconds": age,
        **stuck,
        "ok": (age is None or age <= QUEUE_MAX_AGE_SECONDS)
        and not stuck["stuck_running"],
    }


def report() -> tuple[int, dict]:
    """(HTTP status, JSON body) for /healthz."""
    database = check_database()
    body = {"status": "ok", "database": database, "cache": check_cache()}
    if replicas.replica_configured():
        body["replica"] = check_replica()
    if not database["ok"]:
        if body.get("replica", {}).get("ok"):
            # Readers are still served, from the replica; forms say "read-only".
            body["status"] = "read_only"
            return 200, body
        body["status"] = "down"
        return 503, body
    try:
        body["queue"] = check_queue()
    except DatabaseError as error:
        body["queue"] = {"checked": False, "error": error.__class__.__name__}
    if not body["cache"]["ok"] or not body["queue"].get("ok", True):
        body["status"] = "degraded"
    return 200, body
