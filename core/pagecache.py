"""Visitors' pages cached whole, like Discourse's anonymous cache.

A visitor (no session cookie, no flash messages waiting) asking for a reading page
(home, library, article, channel, topic, forum index, board, thread) is answered
from the cache before any view, session or database work. Everyone else goes
through the views as before; members' responses are marked `Cache-Control: private`.

One number, the *content version*, says which cached pages are still good: every
entry carries the version it was rendered under, and a hit needs the same version.
The services that change what visitors see call it themselves: `content_changed(model)`
where a post's or an article's text is new, edited or erased (beside the
`core.signals` they send for search), `bump()` for everything else (moderation,
likes, disclaimers, profiles, the article workflow). No signal is involved: core is
below every app, so the services call it directly. The version is
read *before* the view runs, so a page rendered while a write commits is labelled
with the old version and never served after the bump.

A page is stored per language and per comfort setting of the device (text size,
spacing, motion, contrast: a few dozen at most, `core.comfort`), since those change
the page's `<html class>`.

What is never stored: anything but a 200 to a GET, responses that set a cookie or
say `private`/`no-store`, and pages holding a CSRF token (a form only members see).

Settings (read at call time): `PAGECACHE_ENABLED` (default True),
`PAGECACHE_SECONDS` (how long an entry may live, default 60; entries also end at
the next scheduled change an app registered with `register_schedule`, such as an
article's publication time, which needs no write to take effect),
`PAGECACHE_URL_NAMES` (the URL names whose pages are cached).

With Redis away the cache answers every read as a miss and pages are rendered
as if there were no page cache.
"""

import datetime
import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from . import comfort, replicas

VERSION_KEY = "pagecache:version"
PAGE_KEY_PREFIX = "pagecache:page:"
SCHEDULE_KEY = "pagecache:next-change"
SCHEDULE_SECONDS = 300
DEFAULT_SECONDS = 60
MAX_QUERY_STRING = 256
# Flash messages are kept in this cookie until the session takes them (FallbackStorage).
MESSAGES_COOKIE = "messages"
CSRF_FIELD = b"csrfmiddlewaretoken"
# Headers added again on the way out (or never stored).
_UNSTORED_HEADERS = {"set-cookie", "etag", "last-modified", "cache-control", "vary"}


# Functions giving the next moment visitors' pages change by the clock alone (an
# article's scheduled publication or expiry), registered from an app's ready().
_schedules: list[Callable[[datetime.datetime], datetime.datetime | None]] = []
_schedule_senders: set[type] = set()


def register_schedule(
    next_change: Callable[[datetime.datetime], datetime.datetime | None],
    *,
    sender: type,
) -> None:
    """Cached pages never outlive `next_change(now)` (None: nothing scheduled), which
    is asked again when a service reports new content of `sender`
    (`content_changed(sender)`)."""
    if next_change not in _schedules:
        _schedules.append(next_change)
    _schedule_senders.add(sender)


def content_changed(sender: type) -> None:
    """A write service made new, edited or erased the text of a `sender` (a model
    class): every cached page is out of date, and the schedule `sender` registered
    (if any) is asked again."""
    bump()
    if sender in _schedule_senders:
        # The writer asks again (now, and after commit), not the next visitor.
        _refresh_schedule()
        transaction.on_commit(_refresh_schedule)


def bump() -> None:
    """What visitors see has changed: every cached page is out of date.

    Now, and again after commit: a visitor asking between the two renders the old
    state under the new version, and the second bump retires that page too.
    """
    _bump_now()
    transaction.on_commit(_bump_now)


def _bump_now() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # The counter was evicted or never set: start from a number never used,
        # so pages stored under an older one can't match it again.
        cache.set(VERSION_KEY, time.time_ns(), None)


def current_version() -> int | None:
    """The content version; None while the cache can't be reached."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


FRAGMENT_KEY_PREFIX = "pagecache:fragment:"


def fragments(
    version: int | None, renderers: dict[str, Callable[[], str]]
) -> dict[str, str]:
    """Pieces of a page that are the same for every reader who may see them (a
    post's header on a thread page), kept under the content `version` read
    before the data was (so a piece rendered from data older than a write is
    never labelled with the version after it), the language and the time zone.

    One `get_many` for all of them; only the missing ones are rendered
    (`renderers[name]()`) and stored, for PAGECACHE_SECONDS at most (what no
    service announces, such as a new role's badge, shows after that long).
    Never put a per-reader bit (a CSRF token, "liked", an edit link) in one."""
    if version is None or not _enabled():
        return {name: render() for name, render in renderers.items()}
    context = (
        f"{version}:{translation.get_language()}:{timezone.get_current_timezone_name()}"
    )
    keys = {f"{FRAGMENT_KEY_PREFIX}{context}:{name}": name for name in renderers}
    found = cache.get_many(list(keys))
    pieces, missing = {}, {}
    for key, name in keys.items():
        if key in found:
            pieces[name] = found[key]
        else:
            pieces[name] = missing[key] = renderers[name]()
    if missing:
        cache.set_many(missing, getattr(settings, "PAGECACHE_SECONDS", DEFAULT_SECONDS))
    return pieces


@dataclass(frozen=True, slots=True)
class CachedPage:
    version: int
    etag: str
    stored_at: float
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


# The longest a page rendered from the replica is kept (docs/scaling.md).
REPLICA_RENDER_SECONDS = 30


def _enabled() -> bool:
    # Read-only pages carry a passing banner: never stored nor served from here.
    return getattr(settings, "PAGECACHE_ENABLED", True) and not replicas.is_read_only()


def _seconds() -> int:
    """How long a page stored now may be served: PAGECACHE_SECONDS at most, and
    never past the next scheduled change."""
    seconds = getattr(settings, "PAGECACHE_SECONDS", DEFAULT_SECONDS)
    if (moment := _next_scheduled_change()) is not None:
        seconds = min(seconds, math.ceil(moment - time.time()))
    if replicas.current_route() != replicas.PRIMARY:
        # Rendered from a replica that may be a moment behind the version read:
        # kept briefly, so a stale copy cannot outlive the lag for long.
        seconds = min(seconds, REPLICA_RENDER_SECONDS)
    return seconds


def _next_scheduled_change() -> float | None:
    """The next scheduled change as a timestamp, kept in the cache: asked of the
    registered functions by the writer when their sender's content changes
    (`content_changed`), or once that moment has passed or SCHEDULE_SECONDS have."""
    if not _schedules:
        return None
    known = cache.get(SCHEDULE_KEY)
    if known is None or (known and known <= time.time()):
        known = _refresh_schedule()
    return known or None


def _refresh_schedule() -> float:
    """Ask the registered functions; 0 when nothing is scheduled."""
    now = timezone.now()
    moments = [moment for fn in _schedules if (moment := fn(now)) is not None]
    found = min(moments).timestamp() if moments else 0
    cache.set(SCHEDULE_KEY, found, SCHEDULE_SECONDS)
    return found


def _language(request: HttpRequest) -> str:
    # The /zh-hant/ prefix decides; on a plain address the cookie or the browser,
    # as they decide whether sclero_site.i18n sends the reader to the prefix.
    if settings.USE_I18N and len(settings.LANGUAGES) > 1:
        return translation.get_language_from_request(request, check_path=True)
    return settings.LANGUAGE_CODE


def is_visitor_request(request: HttpRequest) -> bool:
    """A GET or HEAD with no session, no waiting messages and no credentials."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_cached_page(request: HttpRequest) -> bool:
    """Whether the address is one of the reading pages (PAGECACHE_URL_NAMES)."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    # Resolved in the address's own language: this runs before LocaleMiddleware, and
    # i18n_patterns match the prefix of the language active in the thread.
    language = translation.get_language_from_path(request.path_info)
    try:
        with translation.override(language or settings.LANGUAGE_CODE):
            match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in getattr(settings, "PAGECACHE_URL_NAMES", ())


def page_key(request: HttpRequest) -> str:
    """Full address with query string, language, scheme and host, and the device's
    comfort settings (`core.comfort`: they change the page's <html class>)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return (
        f"{PAGE_KEY_PREFIX}{_language(request)}:{comfort.cache_key(request)}:{digest}"
    )


def _etag(version: int, key: str) -> str:
    digest = hashlib.blake2b(f"{version}:{key}".encode(), digest_size=10).hexdigest()
    return f'W/"{digest}"'


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    return CSRF_FIELD not in response.content


def _visitor_headers(response: HttpResponse, page: CachedPage) -> HttpResponse:
    response["ETag"] = page.etag
    response["Last-Modified"] = http_date(page.stored_at)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


class VisitorPageCacheMiddleware:
    """Serve and store visitors' reading pages; mark members' responses private.

    Sits above the session middleware: a hit never loads a session or a user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (_enabled() and is_visitor_request(request)):
            return self._private(request, self.get_response(request))
        if not is_cached_page(request):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([VERSION_KEY, key, replicas.PRIMARY_DOWN_KEY])
        if found.get(replicas.PRIMARY_DOWN_KEY) and replicas.replica_configured():
            # Another process saw the primary go: render read-only, with the banner.
            if not replicas.read_only_elsewhere():
                return self._private(request, self.get_response(request))
            token = replicas.set_route(replicas.READ_ONLY)
            try:
                return self._private(request, self.get_response(request))
            finally:
                replicas.reset_route(token)
        version = found.get(VERSION_KEY) or current_version()
        page = found.get(key)
        if page is not None and version is not None and page.version == version:
            return self._answer(request, page, page.response())
        response = self.get_response(request)
        if version is None or not _storable(request, response):
            return response
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in _UNSTORED_HEADERS
        )
        page = CachedPage(
            version=version,
            etag=_etag(version, key),
            stored_at=time.time(),
            status=response.status_code,
            headers=headers,
            content=response.content,
        )
        if (seconds := _seconds()) > 0:
            cache.set(key, page, seconds)
        return self._answer(request, page, response)

    def _answer(self, request, page: CachedPage, response: HttpResponse):
        response = _visitor_headers(response, page)
        conditional = get_conditional_response(
            request,
            etag=page.etag,
            last_modified=int(page.stored_at),
            response=response,
        )
        return conditional

    def _private(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header(
            "Cache-Control"
        ):
            patch_cache_control(response, private=True)
        return response
