"""Keeps the search entries in step with what the write services announce."""

from articles.models import Article
from core.signals import content_changed, content_erased
from forum.models import Post

from .indexing import forget_posts, index_article, index_post


def _changed(sender, instance, **kwargs) -> None:
    if sender is Article:
        index_article(instance)
    elif sender is Post:
        index_post(instance)


def _erased(sender, ids, **kwargs) -> None:
    if sender is Post:
        forget_posts(ids)


def connect() -> None:
    content_changed.connect(_changed, dispatch_uid="search-index-changed")
    content_erased.connect(_erased, dispatch_uid="search-index-erased")
