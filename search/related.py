"""What one domain's page shows of the other: related discussions on an article,
similar questions and related articles on a Q&A question, threads on a topic page.

The domains never import each other; their templates load `related_content`
(this app's tag library) and the project's topic page calls these directly.
"""

import hashlib

from django.core.cache import cache

from articles.selectors import articles_for_topics
from core import pagecache
from forum.selectors import threads_for_topic

from .searching import SearchResult, similar_threads

__all__ = [
    "related_articles",
    "related_discussions",
    "similar_questions",
    "threads_for_topic",
]


# How long an article's related discussions are kept at most; any change visitors
# can see (a new thread, a hidden one) starts a new content version sooner.
RELATED_CACHE_SECONDS = 600


def related_discussions(article, topics, *, limit: int = 5) -> list[SearchResult]:
    """Forum threads sharing words with an article's title and topics.

    Ranked once per article and content version (`core.pagecache`), for at most
    RELATED_CACHE_SECONDS: not a full-text ranking on every article view.
    """
    texts = [article.title, *[topic.name for topic in topics]]
    version = pagecache.current_version()
    if version is None:  # no cache to keep it in
        return similar_threads(*texts, limit=limit)
    words = hashlib.blake2b("\x1f".join(texts).encode(), digest_size=8).hexdigest()
    key = f"related:discussions:{article.pk}:{limit}:{words}:{version}"
    if (cached := cache.get(key)) is not None:
        return cached
    found = similar_threads(*texts, limit=limit)
    cache.set(key, found, RELATED_CACHE_SECONDS)
    return found


def similar_questions(thread, topics, *, limit: int = 4) -> list[SearchResult]:
    """Other Q&A questions like this one, by its title and topics (public rules)."""
    return similar_threads(
        thread.title,
        *[topic.name for topic in topics],
        exclude_post_id=thread.first_post_id,
        questions_only=True,
        limit=limit,
    )


def related_articles(topics, *, limit: int = 5) -> list:
    """Published library articles sharing the topics (one query, none without topics)."""
    return articles_for_topics([topic.pk for topic in topics], limit=limit)
