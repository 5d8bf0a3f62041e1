from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """The article library: channels, topics, articles, drug pages, reviews."""

    name = "articles"
    verbose_name = "Article library"

    def ready(self) -> None:
        from core import pagecache

        from . import selectors
        from .models import Article

        # Scheduled publication and expiry change pages with no write to announce it.
        pagecache.register_schedule(selectors.next_visibility_change, sender=Article)
