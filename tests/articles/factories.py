"""Builders for library tests. Everything goes through the services, as in production."""

import datetime
import itertools

from django.utils import timezone

from articles import services
from articles.models import Article, Channel
from core.models import Topic
from tests.factories import make_user

_counter = itertools.count(1)


def make_channel(name: str | None = None, *, parent: Channel | None = None, **fields):
    n = next(_counter)
    name = name or f"Channel {n}"
    return Channel.objects.create(
        name=name, slug=fields.pop("slug", f"channel-{n}"), parent=parent, **fields
    )


def make_topic(name: str | None = None, **fields) -> Topic:
    n = next(_counter)
    name = name or f"Topic {n}"
    return Topic.objects.create(
        name=name, slug=fields.pop("slug", f"topic-{n}"), **fields
    )


def content(**overrides) -> dict:
    """Valid article content; `channel` may be given as an object."""
    n = next(_counter)
    channel = overrides.pop("channel", None)
    topics = overrides.pop("topics", [])
    data = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "summary": f"Summary of article {n}.",
        "body": f"Body of article {n}.\n\n## A section\n\nMore text.",
        "kind": Article.Kind.NEWS,
        "channel_id": (channel or make_channel()).pk,
        "topic_ids": [topic.pk for topic in topics],
        "references": [],
        "drug": {},
    }
    if overrides.get("kind") == Article.Kind.DRUG and "drug" not in overrides:
        overrides["drug"] = {
            "indications": "Morphea and lichen sclerosus.",
            "dosing": "Twice a day.",
        }
    data.update(overrides)
    return data


class Staff:
    """One editor and one reviewer, created on first use."""

    def __init__(self):
        self._editor = self._reviewer = None

    @property
    def editor(self):
        if self._editor is None:
            self._editor = make_user("editor")
        return self._editor

    @property
    def reviewer(self):
        if self._reviewer is None:
            self._reviewer = make_user(
                "professional",
                display_name=f"Dr Reviewer {next(_counter)}",
                specialty="Rheumatology",
            )
        return self._reviewer


def make_article(
    *,
    status: str = "draft",
    editor=None,
    reviewer=None,
    publish_at=None,
    expire_at=None,
    **overrides,
) -> Article:
    """An article in `status`: draft, in-review, published, scheduled, unpublished,
    archived. Medical kinds are signed off before publishing."""
    staff = Staff()
    editor = editor or staff.editor
    article = services.create_article(actor=editor, content=content(**overrides))
    if status == "draft":
        return Article.objects.get(pk=article.pk)
    services.submit_for_review(article, actor=editor)
    if status == "in-review":
        return Article.objects.get(pk=article.pk)
    if article.is_medical:
        services.sign_off_review(
            article,
            actor=reviewer or staff.reviewer,
            revision=Article.objects.get(pk=article.pk).latest_revision,
        )
    if status == "scheduled":
        publish_at = publish_at or timezone.now() + datetime.timedelta(days=1)
    services.publish_article(
        article, actor=editor, publish_at=publish_at, expire_at=expire_at
    )
    if status == "unpublished":
        services.unpublish_article(article, actor=editor)
    elif status == "archived":
        services.archive_article(article, actor=editor)
    return Article.objects.get(pk=article.pk)


def make_published(**overrides) -> Article:
    return make_article(status="published", **overrides)
