"""sitemap.xml sections for the library. The site's urls.py merges every app's."""

from django.db.models import Max, Q

from core.models import Topic
from core.sitemaps import SiteSitemap

from . import selectors
from .models import Channel


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return selectors.sitemap_articles()

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
