"""What every app's sitemap sections build on: the configured site address, the
page size, and a version the write services bump when a listed address appears
or disappears (the project's sitemap views key their cache on it)."""

from urllib.parse import urlsplit
from uuid import uuid4

from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.db import transaction

from .conf import site_settings
from .languages import written_languages

VERSION_KEY = "sitemaps:version"


class SiteSitemap(Sitemap):
    """A section whose addresses start with `site_settings.URL`, never the request host,
    paginated `site_settings.SITEMAP_LIMIT` URLs a page (read at call time). Every
    page is listed in each language, with `hreflang` alternates and an x-default;
    a `written` section's items (each with a `language`) are listed only in the
    language their text is written in, with no alternate: English text under the
    Chinese prefix is not a translation."""

    i18n = True
    alternates = True
    x_default = True
    written = False

    def get_languages_for_item(self, item) -> list[str]:
        if self.written:
            return written_languages(item)
        return super().get_languages_for_item(item)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            # One language is no alternate: only real translations are named.
            if len({a["lang_code"] for a in url["alternates"]} - {"x-default"}) < 2:
                url["alternates"] = []
        return urls

    @property
    def limit(self) -> int:
        return site_settings.SITEMAP_LIMIT

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(site_settings.URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        return urlsplit(site_settings.URL).netloc


def site_origin() -> str:
    """`scheme://host[:port]` of the configured site address."""
    parts = urlsplit(site_settings.URL)
    return f"{parts.scheme or 'https'}://{parts.netloc}"


def sitemap_version() -> str:
    """The current version; a missing one (cache cleared, Redis away) starts anew."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def _bump() -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)


def forget_sitemaps() -> None:
    """A write service changed which addresses the sitemaps list: serve them anew.

    Now, and again after commit: a request between the two could cache the old
    state from outside this transaction.
    """
    _bump()
    transaction.on_commit(_bump)
