"""What one domain's page shows of the other: related discussions on an article,
similar questions and related articles on a Q&A question, threads on a topic page.

The domains never import each other; their templates load `related_content`
(this app's tag library) and the project's topic page calls these directly.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

from articles.selectors import articles_for_topics
from core import pagecache
from core.names import local_text
from forum.selectors import (
    AnswerSummary,
    RelatedQuestion,
    answer_summaries,
    related_questions,
    threads_for_topic,
)

from .searching import SearchResult, similar_threads

__all__ = [
    "related_articles",
    "related_discussions",
    "related_faq",
    "similar_questions",
    "threads_for_topic",
]


# How long an article's related discussions are kept at most; any change visitors
# can see (a new thread, a hidden one) starts a new content version sooner.
RELATED_CACHE_SECONDS = 600


def _cached(key: str, texts: list[str], compute: Callable[[], list]) -> list:
    """`compute()` once per key, words and content version (`core.pagecache`), for
    at most RELATED_CACHE_SECONDS: any change visitors can see (a new answer, a
    hidden post, an edit) starts a new version and so a new computation."""
    version = pagecache.current_version()
    if version is None:  # no cache to keep it in
        return compute()
    words = hashlib.blake2b("\x1f".join(texts).encode(), digest_size=8).hexdigest()
    key = f"related:{key}:{words}:{version}"
    if (cached := cache.get(key)) is not None:
        return cached
    found = compute()
    cache.set(key, found, RELATED_CACHE_SECONDS)
    return found


def _topic_names(topics, language: str) -> list[str]:
    """The topics' names as the page's readers write them (`core.names`)."""
    return [local_text(topic, language=language) for topic in topics]


def related_discussions(
    article, topics, *, language: str, limit: int = 5
) -> list[SearchResult]:
    """Forum threads sharing words with an article's title and topics, those in
    the page's `language` first.

    Ranked once per article, language and content version: not a full-text
    ranking on every article view.
    """
    texts = [article.title, *_topic_names(topics, language)]
    return _cached(
        f"discussions:{article.pk}:{language}:{limit}",
        texts,
        lambda: similar_threads(*texts, language=language, limit=limit),
    )


@dataclass(frozen=True)
class SimilarQuestion:
    """A similar question and, when a verified professional answered it, the answer."""

    question: SearchResult
    answer: AnswerSummary | None


def similar_questions(
    thread, topics, *, language: str, limit: int = 4
) -> list[SimilarQuestion]:
    """Other Q&A questions like this one, by its title and topics (public rules),
    those in the page's `language` first, each with its professional's answer
    summed up: two queries, once per question, language and content version."""
    texts = [thread.title, *_topic_names(topics, language)]

    def compute() -> list[SimilarQuestion]:
        found = similar_threads(
            *texts,
            exclude_post_id=thread.first_post_id,
            questions_only=True,
            language=language,
            limit=limit,
        )
        answers = answer_summaries({result.thread_id for result in found})
        return [SimilarQuestion(r, answers.get(r.thread_id)) for r in found]

    return _cached(f"similar:{thread.pk}:{language}:{limit}", texts, compute)


def related_faq(thread, *, language: str, limit: int = 8) -> list[RelatedQuestion]:
    """Questions from the same board or answered in the same specialty, those in
    the page's `language` first, then answered ones
    (`forum.selectors.qa.related_questions`), once per content version."""
    return _cached(
        f"faq:{thread.pk}:{language}:{limit}",
        [str(thread.board_id)],
        lambda: related_questions(thread, language=language, limit=limit),
    )


def related_articles(topics, *, language: str, limit: int = 5) -> list:
    """Published library articles sharing the topics, the page's `language` (or
    the reader's translation) first: one query, none without topics."""
    return articles_for_topics(
        [topic.pk for topic in topics], language=language, limit=limit
    )
