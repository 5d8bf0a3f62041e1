"""Result pages of /search/ kept for a short while, so a popular query is ranked once.

A page of results is stored under the normalized query (the words searched, not
how they were typed), the filters, the page number, the language (labels are
translated), the audience (members may find members-only threads, visitors may
not: nothing else about the viewer changes the results) and the content version
of `core.pagecache`, which every change visitors or members can see bumps (a new,
edited, hidden or deleted post, an article published or withdrawn). So a result
never outlives what it shows; and a page is kept `SEARCH_CACHE_SECONDS` at most
(default 60), which bounds how late an article published by the clock appears.

With the cache unreachable every search is computed as before.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils import translation

from core import pagecache
from forum.permissions import can_read_members_only

from .query import parse
from .searching import SearchResult, SearchResults, run_search

DEFAULT_SECONDS = 60
KEY_PREFIX = "search:page:"


@dataclass(frozen=True)
class _StoredPage:
    """What a result page needs: the page number, the count and the rows shown."""

    number: int
    count: int
    per_page: int
    results: list[SearchResult]


def _seconds() -> int:
    return getattr(settings, "SEARCH_CACHE_SECONDS", DEFAULT_SECONDS)


def _key(terms: tuple[str, ...], filters: dict, page, audience: str, version) -> str:
    parts = [
        "\x1f".join(terms),
        *(f"{name}={filters[name]}" for name in sorted(filters)),
        f"page={page}",
        translation.get_language() or "",
        audience,
        str(version),
    ]
    digest = hashlib.blake2b("\x1e".join(parts).encode(), digest_size=16).hexdigest()
    return KEY_PREFIX + digest


def _rebuilt(query, stored: _StoredPage) -> SearchResults:
    # A paginator over a stand-in list of the stored length: the page's links and
    # counts come out as from the ranked query, without running it.
    paginator = Paginator(range(stored.count), stored.per_page)
    page = Page(stored.results, stored.number, paginator)
    return SearchResults(query, page, stored.results)


def cached_search(
    raw_query: str | None, *, page=1, viewer=None, **filters
) -> SearchResults:
    """`run_search()`, answered from the cache when the same search was made under
    the same content version; the viewer only decides the audience."""
    query = parse(raw_query)
    version = pagecache.current_version() if query and _seconds() > 0 else None
    if version is None:
        return run_search(raw_query, page=page, viewer=viewer, **filters)
    audience = (
        "members" if viewer is not None and can_read_members_only(viewer) else "public"
    )
    key = _key(query.terms, filters, page, audience, version)
    stored = cache.get(key)
    if isinstance(stored, _StoredPage):
        return _rebuilt(query, stored)
    results = run_search(raw_query, page=page, viewer=viewer, **filters)
    if results.page is not None:
        cache.set(
            key,
            _StoredPage(
                number=results.page.number,
                count=results.page.paginator.count,
                per_page=results.page.paginator.per_page,
                results=results.results,
            ),
            _seconds(),
        )
    return results
