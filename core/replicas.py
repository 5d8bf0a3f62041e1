"""Reads from a PostgreSQL replica, without stale surprises, and a read-only site
when the primary is away.

`DATABASE_REPLICA_URL` adds the database alias "replica". For each request
`ReplicaRoutingMiddleware` picks a route, and `ReplicaRouter` follows it:

- "primary": every query goes to the primary. Unsafe requests (POST…), requests
  within a few seconds of the member's own write (a cookie: read-your-writes),
  and any query inside `transaction.atomic` or with `select_for_update`.
- "replica": reads of a safe request go to the replica while it answers and lags
  at most `DJANGO_REPLICA_MAX_LAG` seconds; writes still go to the primary.
- "read-only": the primary does not answer but the replica does. Every read goes
  to the replica, the pages say so, and forms answer with the text kept.

Health is known per process for a few seconds (one small query, not one per
request). Outside a request (worker, commands, shell) everything uses the primary.
"""

import contextlib
import contextvars
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

PRIMARY, REPLICA, READ_ONLY = "primary", "replica", "read-only"
REPLICA_ALIAS = "replica"
PIN_COOKIE = "db_pin"
PRIMARY_DOWN_KEY = "db:primary-down"

_route = contextvars.ContextVar("database_route", default=PRIMARY)


def current_route() -> str:
    return _route.get()


def is_read_only() -> bool:
    """True while this request is served read-only (the primary is away)."""
    return _route.get() == READ_ONLY


def set_route(route: str) -> contextvars.Token:
    return _route.set(route)


def reset_route(token: contextvars.Token) -> None:
    _route.reset(token)


def replica_configured() -> bool:
    return REPLICA_ALIAS in settings.DATABASES


@dataclass
class _Known:
    ok: bool = True
    checked_at: float = float("-inf")


_replica = _Known()
_primary = _Known()


def _recheck_seconds() -> float:
    return float(getattr(settings, "REPLICA_HEALTH_SECONDS", 3))


def _close(alias: str) -> None:
    with contextlib.suppress(DatabaseError):
        connections[alias].close()


def replica_lag_seconds() -> float:
    """How far the replica's replay is behind (0 when it has replayed all it has)."""
    with connections[REPLICA_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL"
            " OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
            " THEN 0 ELSE COALESCE(EXTRACT(EPOCH FROM"
            " now() - pg_last_xact_replay_timestamp()), 0) END"
        )
        return float(cursor.fetchone()[0])


def replica_usable() -> bool:
    """The replica answers and is close enough behind (checked every few seconds)."""
    if not replica_configured():
        return False
    now = time.monotonic()
    if now - _replica.checked_at >= _recheck_seconds():
        _replica.checked_at = now
        try:
            lag = replica_lag_seconds()
            _replica.ok = lag <= float(getattr(settings, "REPLICA_MAX_LAG", 5))
        except DatabaseError:
            _close(REPLICA_ALIAS)
            _replica.ok = False
    return _replica.ok


def primary_down() -> bool:
    """The primary failed and has not answered since. Every few seconds one request
    per process looks again (a refused connection answers at once)."""
    if _primary.ok:
        return False
    if time.monotonic() - _primary.checked_at < _recheck_seconds():
        return True
    _primary.checked_at = time.monotonic()
    try:
        connections["default"].ensure_connection()
    except DatabaseError:
        _close("default")
        return True
    mark_primary_up()
    return False


def mark_primary_down() -> None:
    _primary.ok, _primary.checked_at = False, time.monotonic()
    _close("default")
    # Tell the other processes too: a visitor's page answered from the page cache
    # touches no database, so only this key tells it to show the banner.
    cache.set(PRIMARY_DOWN_KEY, True, 30)


def read_only_elsewhere() -> bool:
    """Another process found the primary gone (the shared key): believe it here
    too, and say whether this request can be served read-only."""
    _primary.ok, _primary.checked_at = False, time.monotonic()
    return replica_usable()


def mark_primary_up() -> None:
    if not _primary.ok:
        cache.delete(PRIMARY_DOWN_KEY)
    _primary.ok = True


def mark_replica_down() -> None:
    _replica.ok, _replica.checked_at = False, time.monotonic()


def forget_health() -> None:
    """Check both databases again on the next request (tests, after a drill)."""
    _replica.ok, _replica.checked_at = True, float("-inf")
    _primary.ok, _primary.checked_at = True, float("-inf")
    cache.delete(PRIMARY_DOWN_KEY)


def pin_seconds() -> int:
    return int(getattr(settings, "REPLICA_PIN_SECONDS", 10))


class ReplicaRouter:
    """Send reads where the request's route says; writes always to the primary."""

    def db_for_read(self, model, **hints):
        route = _route.get()
        if route == READ_ONLY:
            return REPLICA_ALIAS
        if route == REPLICA and not connections["default"].in_atomic_block:
            return REPLICA_ALIAS
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
