"""Every page names exactly one canonical address on the configured site, and the
pages search engines should skip say so."""

import re
from http import HTTPStatus

import pytest

from core.seo import is_noindex_path
from forum.models import Board
from tests.articles.factories import make_article, make_channel, make_topic
from tests.factories import make_user
from tests.forum.factories import make_board, make_thread

pytestmark = pytest.mark.django_db

SITE = "https://sclero.example"
NOINDEX = '<meta name="robots" content="noindex">'


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def pages(db):
    channel = make_channel(slug="conditions")
    topic = make_topic(slug="lupus")
    article = make_article(status="published", channel=channel, topics=[topic])
    board = make_board(slug="morphea")
    thread = make_thread(board=board)
    question = make_thread(board=make_board(kind=Board.Kind.QUESTIONS))
    return {
        "home": "/",
        "library": "/articles/",
        "article": article.get_absolute_url(),
        "channel": channel.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "forum index": "/forum/",
        "board": board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "question": question.get_absolute_url(),
        "profile": f"/members/{thread.author_id}/",
        "search": "/search/",
    }


def _canonicals(page: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)"', page)


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "library",
        "article",
        "channel",
        "topic",
        "forum index",
        "board",
        "thread",
        "question",
        "profile",
        "search",
    ],
)
def test_every_page_type_has_exactly_one_canonical_on_the_site_address(
    client, pages, name
):
    path = pages[name]
    response = client.get(path + "?utm_source=newsletter", HTTP_HOST="localhost")
    assert response.status_code == HTTPStatus.OK
    assert _canonicals(response.content.decode()) == [SITE + path]


@pytest.mark.parametrize("name", ["home", "article", "board", "thread", "profile"])
def test_public_pages_may_be_indexed(client, pages, name):
    assert "noindex" not in client.get(pages[name]).content.decode()


def test_search_results_are_not_indexed(client, pages):
    assert NOINDEX in client.get("/search/?q=morphea").content.decode()


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("visitor", "/accounts/login/"),
        ("visitor", "/accounts/signup/"),
        ("member", "/accounts/profile/"),
        ("member", "/accounts/privacy/"),
        ("member", "/accounts/notifications/"),
        ("moderator", "/forum/moderation/"),
        ("moderator", "/forum/moderation/log/"),
    ],
)
def test_account_notification_and_moderation_pages_are_not_indexed(client, role, path):
    if role != "visitor":
        client.force_login(make_user(role))
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    page = response.content.decode()
    assert page.count(NOINDEX) == 1
    assert len(_canonicals(page)) == 1


def test_members_only_forum_pages_are_not_indexed(client):
    board = make_board(slug="morphea")
    thread = make_thread(board=board)
    client.force_login(thread.author)
    for path in (
        f"/forum/{board.slug}/new/",
        f"/forum/t/{thread.pk}/reply/",
        f"/forum/p/{thread.first_post_id}/edit/",
        f"/forum/p/{thread.first_post_id}/delete/",
    ):
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        assert response.content.decode().count(NOINDEX) == 1, path


@pytest.mark.parametrize(
    ("path", "noindex"),
    [
        ("/accounts/login/", True),
        ("/zh-hant/accounts/login/", True),
        ("/zh-hant/search/", True),
        ("/forum/moderation/log/", True),
        ("/messages/", True),
        ("/zh-hant/messages/12/", True),
        ("/zh-hant/forum/", False),
        ("/forum/accounts-of-living-with-morphea/", False),
        ("/", False),
    ],
)
def test_noindex_paths_hold_under_a_language_prefix(settings, path, noindex):
    settings.LANGUAGES = [("en", "English"), ("zh-hant", "Traditional Chinese")]
    assert is_noindex_path(path) is noindex
