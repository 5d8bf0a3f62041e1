"""The link index behind "Referring pages": which articles' live text links to which."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from core.markup import extract_links

from ..models import Article, ArticleLink


def _site_hosts() -> set[str]:
    return {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}


def article_slug_from_href(href: str) -> str | None:
    """The article slug an href points at on this site, or None.

    Accepts root-relative links (`/articles/tacrolimus/`) and absolute links to
    one of the site's own hosts; ignores everything else.
    """
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https"):
        return None
    if parts.netloc and (parts.hostname or "").lower() not in _site_hosts():
        return None
    if not parts.path.startswith("/"):
        return None
    try:
        match = resolve(unquote(parts.path))
    except Resolver404:
        return None
    if match.view_name != "articles:detail":
        return None
    return match.kwargs["slug"]


def linked_slugs(article: Article, html_parts: list[str]) -> set[str]:
    slugs = set()
    for html in html_parts:
        for href in extract_links(html):
            slug = article_slug_from_href(href)
            if slug and slug != article.slug:
                slugs.add(slug)
    return slugs


def index_links(article: Article, html_parts: list[str]) -> None:
    """Replace `article`'s outgoing links with those found in its rendered text."""
    wanted = linked_slugs(article, html_parts)
    existing = set(
        ArticleLink.objects.filter(source=article).values_list("target_slug", flat=True)
    )
    if existing - wanted:
        ArticleLink.objects.filter(
            source=article, target_slug__in=existing - wanted
        ).delete()
    ArticleLink.objects.bulk_create(
        [ArticleLink(source=article, target_slug=slug) for slug in wanted - existing]
    )
