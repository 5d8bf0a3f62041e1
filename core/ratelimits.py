"""All of the site's own rate limits, in one place, counted in the cache.

A view calls `check_rate(action, user)` before it writes. When the limit is
reached, `RateLimited` is raised; `RateLimitMiddleware` turns it into the 429
page, which says when to try again and gives back what the person typed.
allauth keeps its own login/signup limits (settings.ACCOUNT_RATE_LIMITS), per
client address as `core.clientip` finds it behind our proxies. While the cache
cannot be reached the limits fail open (core/cache.py) and say so in the log.
"""

import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.shortcuts import render

from .clientip import client_ip
from .kept_text import kept_fields

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    count: int
    seconds: int


# action: (rule for established members, rule for new members)
RULES: dict[str, tuple[Rule, Rule]] = {
    "reply": (Rule(1, 5), Rule(1, 30)),
    "thread": (Rule(1, 15), Rule(1, 120)),
    "reply-daily": (Rule(10_000, 86_400), Rule(10, 86_400)),
    "thread-daily": (Rule(10_000, 86_400), Rule(3, 86_400)),
    "like": (Rule(50, 86_400), Rule(50, 86_400)),
    # Private messages: conversations started, and messages written.
    "conversation": (Rule(10, 3_600), Rule(3, 3_600)),
    "message": (Rule(30, 600), Rule(10, 600)),
    "report": (Rule(20, 86_400), Rule(20, 86_400)),
    "correction": (Rule(10, 86_400), Rule(10, 86_400)),
    # @mention suggestions while typing (one lookup per pause in typing).
    "mention-suggest": (Rule(120, 60), Rule(60, 60)),
    # Downloading one's data: a heavy page, ten times an hour is plenty.
    "export": (Rule(10, 3_600), Rule(10, 3_600)),
    # Browsers' CSP violation reports, counted per client address.
    "csp-report": (Rule(30, 60), Rule(30, 60)),
}


class RateLimited(Exception):
    """Too many attempts; `retry_after` is in whole seconds."""

    def __init__(self, action: str, retry_after: int):
        super().__init__(f"{action}: retry after {retry_after}s")
        self.action = action
        self.retry_after = retry_after


def check_rate(
    action: str, user, *, new_member: bool = False, key: str | None = None
) -> None:
    """Count one attempt at `action` by `user` (or by `key`, e.g. an address, for
    visitors); raise RateLimited past the limit."""
    rule = RULES[action][1 if new_member else 0]
    who = key if key is not None else user.pk
    window_key = f"ratelimit:{action}:{who}:start"
    count_key = f"ratelimit:{action}:{who}:count"
    now = time.time()
    if cache.add(window_key, now, rule.seconds):
        cache.set(count_key, 1, rule.seconds)
        return
    try:
        count = cache.incr(count_key)
    except ValueError:
        cache.set(count_key, 1, rule.seconds)
        return
    if count is None:  # core.cache answers None while Redis is away: fail open
        logger.warning("Rate limit %s not enforced: cache unreachable", action)
        return
    if count > rule.count:
        started = cache.get(window_key) or now
        raise RateLimited(action, max(1, math.ceil(started + rule.seconds - now)))


def reset_rate(action: str, user) -> None:
    """Forget `user`'s attempts at `action` (tests, and moderators lifting a limit)."""
    cache.delete_many(
        [f"ratelimit:{action}:{user.pk}:start", f"ratelimit:{action}:{user.pk}:count"]
    )


class RateLimitMiddleware:
    """Render the 429 page for RateLimited, keeping the submitted text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        logger.info(
            "Rate limit %s reached from %s", exception.action, client_ip(request)
        )
        text_fields, hidden_fields = kept_fields(request)
        context = {
            "retry_after": exception.retry_after,
            "action": exception.action,
            "text_fields": text_fields,
            "hidden_fields": hidden_fields,
            "action_url": request.get_full_path(),
        }
        response = render(request, "429.html", context, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response
