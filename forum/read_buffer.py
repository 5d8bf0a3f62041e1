"""Read positions waiting in the cache, so that reading a thread writes nothing
to the database: append-only logs, safe when one member reads in two tabs or on
two devices at once (every read gets its own entry; nothing is read, changed and
written back).

Per member: `…:u:<id>:n` counts their reads, `…:u:<id>:<k>` holds read k as
(thread id, post id, time of that post), `…:u:<id>:done` is the last read
written to the database. Site-wide: `…:g:n` / `…:g:<k>` list whose reads wait,
`…:g:done` as far as they were flushed. `forum.services.reading` writes them out.

With the cache away a read is simply not remembered (the thread stays unread).
"""

from datetime import datetime

from django.core.cache import cache

PREFIX = "forum:reads"
TTL = 3 * 24 * 3600
# A member's latest reads taken into account before they are flushed.
RECENT = 100


def _incr(key: str) -> int | None:
    try:
        return cache.incr(key)
    except ValueError:  # not there yet (or evicted)
        cache.add(key, 0, TTL)
        try:
            return cache.incr(key)
        except ValueError:
            return None


def _user_key(user_id: int, part) -> str:
    return f"{PREFIX}:u:{user_id}:{part}"


def _global_key(part) -> str:
    return f"{PREFIX}:g:{part}"


def append(user_id: int, thread_id: int, post_id: int, at: datetime) -> tuple[int, int]:
    """Remember one read: (how many of this member's reads wait, the read's
    number site-wide); (0, 0) when the cache could not keep it."""
    k = _incr(_user_key(user_id, "n"))
    if k is None:
        return 0, 0
    cache.set(_user_key(user_id, k), (thread_id, post_id, at.timestamp()), TTL)
    g = _incr(_global_key("n")) or 0
    if g:
        cache.set(_global_key(g), user_id, TTL)
    done = cache.get(_user_key(user_id, "done")) or 0
    return k - done, g


def _window(counter: str, done: str, keyer, limit: int | None):
    values = cache.get_many([counter, done])
    n, flushed = values.get(counter) or 0, values.get(done) or 0
    if n <= flushed:
        return n, flushed, {}
    start = flushed + 1 if limit is None else max(flushed + 1, n - limit + 1)
    keys = {keyer(k): k for k in range(start, n + 1)}
    found = cache.get_many(list(keys))
    return n, flushed, {keys[key]: value for key, value in found.items()}


def pending(user_id: int, *, limit: int | None = RECENT) -> dict[int, tuple]:
    """The member's waiting reads merged: thread id → (post id, timestamp)."""
    _n, _done, entries = _window(
        _user_key(user_id, "n"),
        _user_key(user_id, "done"),
        lambda k: _user_key(user_id, k),
        limit,
    )
    return _merge(entries.values())


def _complete(n: int, done: int, entries: dict, stuck_key: str) -> int:
    """How far the log can be taken: up to the first entry not written yet (a read
    whose `set` has not landed), unless it was already missing last time (evicted)."""
    stuck = cache.get(stuck_key)
    for k in range(done + 1, n + 1):
        if k not in entries and k != stuck:
            cache.set(stuck_key, k, TTL)
            return k - 1
    return n


def _merge(entries) -> dict[int, tuple]:
    merged: dict[int, tuple] = {}
    for thread_id, post_id, at in entries:
        old = merged.get(thread_id, (0, 0.0))
        merged[thread_id] = (max(old[0], post_id), max(old[1], at))
    return merged


def take_user(user_id: int) -> tuple[dict[int, tuple], callable]:
    """The member's waiting reads, and a function to call once they are written."""
    n, done, entries = _window(
        _user_key(user_id, "n"),
        _user_key(user_id, "done"),
        lambda k: _user_key(user_id, k),
        None,
    )
    upto = _complete(n, done, entries, _user_key(user_id, "stuck"))
    merged = _merge(value for k, value in entries.items() if k <= upto)

    def written() -> None:
        # Entries already written never need writing again, even if a
        # concurrent flush moved `done` back: the database keeps the greatest.
        if (cache.get(_user_key(user_id, "done")) or 0) < upto:
            cache.set(_user_key(user_id, "done"), upto, TTL)
        cache.delete_many([_user_key(user_id, k) for k in range(done + 1, upto + 1)])

    return merged, written


def waiting_members() -> tuple[set[int], callable]:
    """Members whose reads wait, and a function to call once they are flushed."""
    n, done, entries = _window(_global_key("n"), _global_key("done"), _global_key, None)
    upto = _complete(n, done, entries, _global_key("stuck"))

    def flushed() -> None:
        if (cache.get(_global_key("done")) or 0) < upto:
            cache.set(_global_key("done"), upto, TTL)
        cache.delete_many([_global_key(k) for k in range(done + 1, upto + 1)])

    return {v for k, v in entries.items() if k <= upto}, flushed
