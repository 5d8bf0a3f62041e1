"""Drafts never leak: not in lists, pages, feeds, the sitemap, related or referring pages."""

import datetime

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.selectors import (
    articles_for_topics,
    published_articles,
    referring_articles,
)
from core import pagecache
from tests.articles.factories import content, make_article, make_channel, make_topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SECRET = "Zebra Secret Title"
HIDDEN_STATES = [
    "draft",
    "in-review",
    "scheduled",
    "unpublished",
    "archived",
    "expired",
]


def _hidden_article(state: str, **fields) -> Article:
    if state == "expired":
        article = make_article(status="published", **fields)
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(
            publish_at=now - datetime.timedelta(days=2),
            expire_at=now - datetime.timedelta(days=1),
        )
        return article
    return make_article(status=state, **fields)


@pytest.fixture
def scene(db):
    """A published anchor article and everything a leak could appear on."""
    channel = make_channel("Drugs", slug="drugs")
    topic = make_topic("Tacrolimus", slug="tacrolimus")
    anchor = make_article(
        status="published",
        title="Anchor article",
        slug="anchor",
        channel=channel,
        topics=[topic],
    )
    urls = [
        "/",
        "/articles/",
        "/articles/?page=2",
        channel.get_absolute_url(),
        topic.get_absolute_url(),
        anchor.get_absolute_url(),
        "/articles/feed/",
        "/articles/feed/atom/",
        "/articles/channel/drugs/feed/",
        "/articles/channel/drugs/feed/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-channels.xml",
        "/sitemap-topics.xml",
    ]
    return {"channel": channel, "topic": topic, "anchor": anchor, "urls": urls}


def _assert_nowhere(client, urls, *needles):
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = response.content.decode()
        for needle in needles:
            assert needle not in text, f"{needle!r} leaked on {url}"


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("role", ["visitor", "member", "editor"])
def test_hidden_articles_appear_nowhere(client, login_as, scene, state, role):
    hidden = _hidden_article(
        state,
        title=SECRET,
        slug="hidden-one",
        channel=scene["channel"],
        topics=[scene["topic"]],
        body="The hidden one links to [the anchor](/articles/anchor/).",
    )
    login_as(role)
    _assert_nowhere(client, scene["urls"], SECRET, "hidden-one/")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert hidden not in articles_for_topics([scene["topic"].pk])
    assert hidden not in referring_articles(scene["anchor"])
    assert not published_articles().filter(pk=hidden.pk).exists()


def test_control_a_published_article_does_appear_everywhere(client, scene):
    """The leak test above would pass vacuously if the pages listed nothing."""
    shown = make_article(
        status="published",
        title=SECRET,
        slug="hidden-one",
        channel=scene["channel"],
        topics=[scene["topic"]],
        body="Links to [the anchor](/articles/anchor/).",
    )
    services.set_featured(shown, actor=make_user("editor"), featured=True)
    for url in scene["urls"]:
        if "page=2" in url:
            continue
        if url.startswith("/sitemap") and url != "/sitemap-articles.xml":
            continue  # the index lists sections; channels and topics list themselves
        text = client.get(url).content.decode()
        assert SECRET in text or "hidden-one" in text, url
    assert shown in articles_for_topics([scene["topic"].pk])
    assert shown in referring_articles(scene["anchor"])


def test_a_pending_draft_of_a_live_article_appears_nowhere(client, scene):
    editor = make_user("editor")
    live = make_article(
        status="published",
        title="Live title",
        slug="live-one",
        channel=scene["channel"],
        topics=[scene["topic"]],
        editor=editor,
    )
    services.save_draft(
        live,
        actor=editor,
        content=content(
            title=SECRET,
            slug="secret-new-slug",
            summary="Secret summary",
            body="Secret body [link](/articles/anchor/)",
            channel=make_channel("Other"),
            topics=[make_topic("Secret topic")],
            references=[{"title": "Secret reference"}],
        ),
    )
    urls = [*scene["urls"], live.get_absolute_url()]
    _assert_nowhere(
        client,
        urls,
        SECRET,
        "secret-new-slug",
        "Secret summary",
        "Secret body",
        "Secret reference",
        "Secret topic",
    )
    assert live not in referring_articles(scene["anchor"])
    assert "Live title" in client.get(live.get_absolute_url()).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, scene):
    editor = make_user("editor")
    article = make_article(
        status="in-review", title=SECRET, channel=scene["channel"], editor=editor
    )
    services.publish_article(
        article, actor=editor, publish_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert SECRET not in client.get("/articles/").content.decode()
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    # The clock reaching publish_at also ends every visitor page cached before it
    # (core.pagecache never keeps one past the next scheduled change).
    pagecache.bump()
    # Visible before the scheduler has flipped the status: checked at query time.
    assert Article.objects.get(pk=article.pk).status == Article.Status.SCHEDULED
    assert SECRET in client.get("/articles/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200
