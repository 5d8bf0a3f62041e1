"""sitemap.xml sections for the forum: boards and the threads a visitor may read.
The project composes them with the library's in sclero_site/urls.py."""

from django.db.models import Max

from core.sitemaps import SiteSitemap

from .selectors import indexable_boards, indexable_threads


class BoardSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.5
    written = True  # a board is where members write in its language

    def items(self):
        return (
            indexable_boards().only("slug", "language", "last_post_at").order_by("pk")
        )

    def lastmod(self, board):
        return board.last_post_at

    def get_latest_lastmod(self):
        return indexable_boards().aggregate(latest=Max("last_post_at"))["latest"]


class ThreadSitemap(SiteSitemap):
    """Public threads, by id so that pages stay put as threads are added."""

    changefreq = "daily"
    priority = 0.6
    written = True

    def items(self):
        return (
            indexable_threads()
            .only("slug", "language", "members_only", "last_post_at")
            .order_by("pk")
        )

    def lastmod(self, thread):
        return thread.last_post_at

    def get_latest_lastmod(self):
        return indexable_threads().aggregate(latest=Max("last_post_at"))["latest"]


SITEMAPS = {"boards": BoardSitemap, "threads": ThreadSitemap}
