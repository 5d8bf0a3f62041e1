"""Reads waiting in the cache, so that reading a page writes nothing to the
database: append-only logs, safe when one member reads in two tabs or on two
devices at once (every read gets its own entry; nothing is read, changed and
written back). The forum keeps thread read positions in one (`forum.read_buffer`),
the conversations their read marks in another (`conversations.read_buffer`).

Per member: `…:u:<id>:n` counts their reads, `…:u:<id>:<k>` holds read k as
(object id, item id, time of that item), `…:u:<id>:done` is the last read
written to the database, `…:u:<id>:o:<object id>` the furthest item read there
(so a page knows, in the same round trip, where the member was before: "new
since your last visit"). Site-wide: `…:g:n` / `…:g:<k>` list whose reads wait,
`…:g:done` as far as they were flushed. Each app registers its buffer with the
function that writes one member's reads (`register`, from `AppConfig.ready()`);
`manage.py flush_read_positions` writes them all (from cron), never a page view.

With the cache away a read is simply not remembered (it stays unread): the
cache answers errors as misses, so pages keep working and nothing but the
"read" marks is lost. On Redis one read is one round trip (a small script does
the two counters, the two entries and the "done" lookup together); on the
local-memory cache of the embedded setup the same steps run one by one.
"""

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from django.core.cache import cache
from redis.exceptions import RedisError

TTL = 3 * 24 * 3600
# A member's latest reads taken into account before they are flushed.
RECENT = 100

# object id -> (item id, timestamp): one member's reads, merged.
Positions = dict[int, tuple[int, float]]


class Appended(NamedTuple):
    """What `ReadBuffer.append` did: how many of the member's reads wait, the read's
    number site-wide (both 0 when the cache could not keep it), and the furthest
    item the member's waiting reads had reached on the object before (0: none)."""

    waiting: int
    number: int
    before: int


def _incr(key: str) -> int | None:
    try:
        return cache.incr(key)
    except ValueError:  # not there yet (or evicted)
        cache.add(key, 0, TTL)
        try:
            return cache.incr(key)
        except ValueError:
            return None


def _merge(entries) -> Positions:
    merged: Positions = {}
    for object_id, item_id, at in entries:
        old = merged.get(object_id, (0, 0.0))
        merged[object_id] = (max(old[0], item_id), max(old[1], at))
    return merged


def _complete(n: int, done: int, entries: dict, stuck_key: str) -> int:
    """How far the log can be taken: up to the first entry not written yet (a read
    whose `set` has not landed), unless it was already missing last time (evicted)."""
    stuck = cache.get(stuck_key)
    for k in range(done + 1, n + 1):
        if k not in entries and k != stuck:
            cache.set(stuck_key, k, TTL)
            return k - 1
    return n


def _window(counter: str, done: str, keyer, limit: int | None):
    values = cache.get_many([counter, done])
    n, flushed = values.get(counter) or 0, values.get(done) or 0
    if n <= flushed:
        return n, flushed, {}
    start = flushed + 1 if limit is None else max(flushed + 1, n - limit + 1)
    keys = {keyer(k): k for k in range(start, n + 1)}
    found = cache.get_many(list(keys))
    return n, flushed, {keys[key]: value for key, value in found.items()}


# KEYS: member's counter, site-wide counter, member's "done", member's furthest
# item on this object; ARGV: the member's and the site's entry-key prefixes, the
# encoded read, the encoded member id, the TTL, the item id.
# A counter gets its TTL when it is created, as `_incr` gives it.
_APPEND_SCRIPT = """
local k = redis.call('INCR', KEYS[1])
if k == 1 then redis.call('EXPIRE', KEYS[1], ARGV[5]) end
redis.call('SET', ARGV[1] .. k, ARGV[3], 'EX', ARGV[5])
local g = redis.call('INCR', KEYS[2])
if g == 1 then redis.call('EXPIRE', KEYS[2], ARGV[5]) end
redis.call('SET', ARGV[2] .. g, ARGV[4], 'EX', ARGV[5])
local before = tonumber(redis.call('GET', KEYS[4]) or '0') or 0
if before < tonumber(ARGV[6]) then
  redis.call('SET', KEYS[4], ARGV[6], 'EX', ARGV[5])
end
return {k, g, redis.call('GET', KEYS[3]), before}
"""
_script = []  # the registered script, made once (it knows its own SHA)


def _redis_client():
    """django-redis's client when the cache is Redis and keys are made the default
    way (a made prefix plus a number is the made key of prefix+number); else None."""
    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        return None
    if cache.make_key("k") + "1" != cache.make_key("k1"):
        return None
    return client


class ReadBuffer:
    """One app's reads waiting in the cache under `prefix`."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def _user_key(self, user_id: int, part) -> str:
        return f"{self.prefix}:u:{user_id}:{part}"

    def _global_key(self, part) -> str:
        return f"{self.prefix}:g:{part}"

    def append(
        self, user_id: int, object_id: int, item_id: int, at: datetime
    ) -> Appended:
        """Remember one read (see `Appended` for what it returns)."""
        entry = (object_id, item_id, at.timestamp())
        client = _redis_client()
        if client is not None:
            return self._append_in_redis(client, user_id, entry)
        furthest = self._user_key(user_id, f"o:{object_id}")
        before = cache.get(furthest) or 0
        k = _incr(self._user_key(user_id, "n"))
        if k is None:
            return Appended(0, 0, before)
        cache.set(self._user_key(user_id, k), entry, TTL)
        if item_id > before:
            cache.set(furthest, item_id, TTL)
        g = _incr(self._global_key("n")) or 0
        if g:
            cache.set(self._global_key(g), user_id, TTL)
        done = cache.get(self._user_key(user_id, "done")) or 0
        return Appended(k - done, g, before)

    def _append_in_redis(self, client, user_id: int, entry: tuple) -> Appended:
        try:
            redis = client.get_client(write=True)
            if not _script:
                _script.append(redis.register_script(_APPEND_SCRIPT))
            k, g, done, before = _script[0](
                keys=[
                    cache.make_key(self._user_key(user_id, "n")),
                    cache.make_key(self._global_key("n")),
                    cache.make_key(self._user_key(user_id, "done")),
                    cache.make_key(self._user_key(user_id, f"o:{entry[0]}")),
                ],
                args=[
                    cache.make_key(self._user_key(user_id, "")),
                    cache.make_key(self._global_key("")),
                    client.encode(entry),
                    client.encode(user_id),
                    TTL,
                    int(entry[1]),
                ],
                client=redis,
            )
        except RedisError:
            return Appended(0, 0, 0)
        waiting = k - (client.decode(done) if done is not None else 0)
        return Appended(waiting, g, int(before))

    def pending(self, user_id: int, *, limit: int | None = RECENT) -> Positions:
        """The member's waiting reads merged: object id → (item id, timestamp)."""
        _n, _done, entries = _window(
            self._user_key(user_id, "n"),
            self._user_key(user_id, "done"),
            lambda k: self._user_key(user_id, k),
            limit,
        )
        return _merge(entries.values())

    def take_user(self, user_id: int) -> tuple[Positions, Callable[[], None]]:
        """The member's waiting reads, and a function to call once they are written."""
        n, done, entries = _window(
            self._user_key(user_id, "n"),
            self._user_key(user_id, "done"),
            lambda k: self._user_key(user_id, k),
            None,
        )
        upto = _complete(n, done, entries, self._user_key(user_id, "stuck"))
        merged = _merge(value for k, value in entries.items() if k <= upto)

        def written() -> None:
            # Entries already written never need writing again, even if a
            # concurrent flush moved `done` back: the writer keeps the greatest.
            if (cache.get(self._user_key(user_id, "done")) or 0) < upto:
                cache.set(self._user_key(user_id, "done"), upto, TTL)
            cache.delete_many(
                [self._user_key(user_id, k) for k in range(done + 1, upto + 1)]
            )

        return merged, written

    def waiting_members(self) -> tuple[set[int], Callable[[], None]]:
        """Members whose reads wait, and a function to call once they are flushed."""
        n, done, entries = _window(
            self._global_key("n"), self._global_key("done"), self._global_key, None
        )
        upto = _complete(n, done, entries, self._global_key("stuck"))

        def flushed() -> None:
            if (cache.get(self._global_key("done")) or 0) < upto:
                cache.set(self._global_key("done"), upto, TTL)
            cache.delete_many([self._global_key(k) for k in range(done + 1, upto + 1)])

        return {v for k, v in entries.items() if k <= upto}, flushed

    def flush(
        self, save: Callable[[int, Positions], int], user_id: int | None = None
    ) -> int:
        """Write the waiting reads (one member's, or everyone's) with `save(member
        id, positions)`, which must keep the greatest position; how many written."""
        if user_id is not None:
            user_ids, flushed = {user_id}, None
        else:
            user_ids, flushed = self.waiting_members()
        written = 0
        for member_id in sorted(user_ids):
            positions, done = self.take_user(member_id)
            if positions:
                written += save(member_id, positions)
            done()
        if flushed is not None:
            flushed()
        return written


_registry: dict[str, tuple[ReadBuffer, Callable[[int, Positions], int]]] = {}


def register(buffer: ReadBuffer, save: Callable[[int, Positions], int]) -> None:
    """Let `flush_all` write `buffer` with `save` (from an app's `ready()`)."""
    _registry[buffer.prefix] = (buffer, save)


def flush_all(user_id: int | None = None) -> int:
    """Write every registered buffer's waiting reads (one member's, or everyone's)."""
    return sum(buffer.flush(save, user_id) for buffer, save in list(_registry.values()))
