"""The Redis cache, degrading to "always a miss" while Redis is away.

django-redis with `IGNORE_EXCEPTIONS` logs a connection error and answers as if the
key were absent: `get` gives the default, `set` and `delete` do nothing. One method
needs a different answer: `add` reports that the key was *added*, because absent keys
are added. Callers that use `add` as a lock or a window start (allauth's rate limits,
`core.ratelimits`) then go ahead instead of waiting for a lock nobody can take, so
rate limits fail open while the pages keep serving.
"""

from django_redis.cache import RedisCache, omit_exception


class ResilientRedisCache(RedisCache):
    """django-redis; `add` answers True when Redis cannot be reached."""

    @omit_exception(return_value=True)
    def add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)

    def is_reachable(self) -> bool:
        """Ask Redis directly, past IGNORE_EXCEPTIONS (for /healthz)."""
        try:
            return bool(self.client.get_client(write=True).ping())
        except Exception:  # noqa: BLE001 (any failure means "not reachable")
            return False
