"""What one domain's page shows of the other: related discussions on an article,
similar questions and related articles on a Q&A question, threads on a topic page.

The domains never import each other; their templates load `related_content`
(this app's tag library) and the project's topic page calls these directly.
"""

from articles.selectors import articles_for_topics
from forum.selectors import threads_for_topic

from .searching import SearchResult, similar_threads

__all__ = [
    "related_articles",
    "related_discussions",
    "similar_questions",
    "threads_for_topic",
]


def related_discussions(article, topics, *, limit: int = 5) -> list[SearchResult]:
    """Forum threads sharing words with an article's title and topics."""
    return similar_threads(
        article.title, *[topic.name for topic in topics], limit=limit
    )


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
