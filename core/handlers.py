"""Keeps the visitors' page cache in step with what the write services announce."""

from . import pagecache
from .signals import content_changed, content_erased


def _content_changed(sender, **kwargs) -> None:
    pagecache.content_changed(sender)


def connect() -> None:
    content_changed.connect(_content_changed, dispatch_uid="pagecache-changed")
    content_erased.connect(_content_changed, dispatch_uid="pagecache-erased")
