"""`{% load seo %}`: canonical address, robots meta and JSON-LD for any template."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.conf import site_settings
from core.plaintext import excerpt, one_line
from core.seo import absolute_url, is_noindex_path, json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, path: str | None = None, page=None) -> str:
    """`path` (the request's path, query string dropped) on the configured site address."""
    if path is None:
        request = context.get("request")
        path = context.get("page_path") or (
            request.path if request is not None else "/"
        )
    try:
        number = int(page) if page is not None else None
    except (TypeError, ValueError):
        number = None
    return absolute_url(path, page=number)


@register.simple_tag(takes_context=True)
def robots_meta(context) -> SafeString | str:
    """`<meta name="robots" content="noindex">` on pages search engines should skip."""
    request = context.get("request")
    if request is not None and is_noindex_path(request.path):
        return format_html('<meta name="robots" content="{}">', "noindex")
    return ""


@register.filter
def ld_json(data: dict) -> SafeString:
    """`data` as an escaped `<script type="application/ld+json">` block."""
    return json_ld_script(data)


@register.inclusion_tag("core/social_meta.html")
def social_meta(title, description, url, og_type: str = "website") -> dict:
    """Open Graph and Twitter card tags: plain-text title and description, no image
    (a member's photo is never a page's picture)."""
    return {
        "title": one_line(str(title)),
        "description": excerpt(str(description), 300),
        "url": url,
        "og_type": og_type,
        "site_name": site_settings.NAME,
    }
