"""/sitemap.xml, the index of every section, and /sitemap-<section>.xml, each
paginated (`?p=2`) at `site_settings.SITEMAP_LIMIT` addresses a page.

Addresses use the configured site address (`site_settings.URL`), never the
request's host. Served from the cache for at most SITEMAP_CACHE_SECONDS; the
cache key carries `core.sitemaps.sitemap_version()`, which the write services
bump when a thread or an article appears or disappears, so those show at once.
"""

from functools import wraps

from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from core.conf import site_settings
from core.sitemaps import site_origin, sitemap_version

_KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def cached_sitemap(view):
    """Serve `view`'s 200 answers from the cache, keyed on the sitemap version,
    the section and the page (other query parameters do not make new entries)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        timeout = site_settings.SITEMAP_CACHE_SECONDS
        page = request.GET.get("p", "1")[:20]
        key = f"sitemaps:{sitemap_version()}:{kwargs.get('section', '')}:{page}"
        hit = cache.get(key) if timeout > 0 else None
        if hit is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200 or timeout <= 0:
                return response
            headers = {h: response[h] for h in _KEPT_HEADERS if h in response}
            hit = (response.content, headers)
            cache.set(key, hit, timeout)
        content, headers = hit
        response = HttpResponse(content, headers=headers)
        patch_cache_control(response, public=True, max_age=timeout)
        return response

    return wrapped


@require_safe
@cached_sitemap
@sitemap_views.x_robots_tag
def index(request, sitemaps: dict):
    """Every section's pages, with the newest lastmod of each section."""
    items, latest = [], []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        url = site_origin() + reverse("sitemap-section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        if lastmod is not None:
            latest.append(lastmod)
        items.append(sitemap_views.SitemapIndexItem(url, lastmod))
        for number in range(2, sitemap.paginator.num_pages + 1):
            items.append(sitemap_views.SitemapIndexItem(f"{url}?p={number}", lastmod))
    headers = None
    if latest and len(latest) == len(sitemaps):
        headers = {"Last-Modified": http_date(max(latest).timestamp())}
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
        headers=headers,
    )


@require_safe
@cached_sitemap
def section(request, sitemaps: dict, section: str):
    """One page of one section (Django's view: 404 for a page that does not exist)."""
    return sitemap_views.sitemap(request, sitemaps=sitemaps, section=section)
