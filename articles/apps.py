from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """The article library: channels, topics, articles, drug pages, reviews."""

    name = "articles"
    verbose_name = "Article library"
