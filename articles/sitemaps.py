"""sitemap.xml sections for the library. The site's urls.py merges every app's."""

from collections import defaultdict

from django.db.models import Max, Q

from core.models import Topic
from core.sitemaps import SiteSitemap

from . import selectors
from .models import Channel


class ArticleSitemap(SiteSitemap):
    """Every published article at its own language's address only; one with
    published translations has each translation as its hreflang alternate."""

    changefreq = "weekly"
    priority = 0.8
    written = True

    def items(self):
        articles = list(selectors.sitemap_articles())
        groups = defaultdict(dict)
        for article in articles:
            if article.translation_group is not None:
                groups[article.translation_group][article.language] = article
        for article in articles:
            group = groups.get(article.translation_group, {})
            article.translations = group if len(group) > 1 else {}
        return articles

    def _items(self):
        return [
            (article, code)
            for article, code in super()._items()
            if code == article.language
        ]

    def _location(self, item, force_lang_code=None):
        article, code = item
        if force_lang_code and force_lang_code in article.translations:
            item = (article.translations[force_lang_code], code)
        return super()._location(item, force_lang_code)

    def lastmod(self, article):
        return article.last_published_at

    def get_latest_lastmod(self):
        return selectors.published_articles().aggregate(
            latest=Max("last_published_at")
        )["latest"]


class _LatestArticleSitemap(SiteSitemap):
    """Pages that list articles; lastmod is their newest published article's."""

    changefreq = "daily"
    priority = 0.5
    model = None
    articles_path = "articles"

    def items(self):
        published = Q(**{f"{self.articles_path}__in": selectors.published_articles()})
        return self.model.objects.annotate(
            lastmod=Max(f"{self.articles_path}__last_published_at", filter=published)
        ).order_by("pk")

    def lastmod(self, item):
        return item.lastmod


class ChannelSitemap(_LatestArticleSitemap):
    model = Channel


class TopicSitemap(_LatestArticleSitemap):
    model = Topic


SITEMAPS = {
    "articles": ArticleSitemap,
    "channels": ChannelSitemap,
    "topics": TopicSitemap,
}
