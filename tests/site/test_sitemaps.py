"""The sitemap index and its sections: exactly what a visitor may read, paginated,
on the configured site address, and current as soon as a thread is published or
hidden (the services bump the version the cache is keyed on)."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import sitemaps
from forum.models import Post
from forum.services import approve_post, delete_post, hide_post, restore_post
from tests.articles.factories import make_article
from tests.factories import make_user
from tests.forum.factories import make_board, make_thread

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://sclero.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _locs(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return [loc.text for loc in root.iterfind("*/s:loc", NS)]


def _entries(client, url: str) -> dict[str, str | None]:
    root = ET.fromstring(client.get(url).content)  # noqa: S314
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.iterfind("s:url", NS)
    }


def _thread_urls(client) -> set[str]:
    return set(_locs(client, "/sitemap-threads.xml"))


def _address(thing) -> str:
    return SITE + thing.get_absolute_url()


def _in_own_language(*things) -> set[str]:
    """Each page is listed once, under its own language's prefix (these are English)."""
    return {_address(thing) for thing in things}


@pytest.fixture
def moderator(db):
    return make_user("moderator")


@pytest.fixture
def scene(moderator):
    """One thread in each state a visitor must or must not find."""
    board = make_board(slug="morphea")
    visible = make_thread(board=board, title="Visible thread")
    hidden = make_thread(board=board, title="Hidden thread")
    hide_post(hidden.first_post, actor=moderator, reason="Spam")
    deleted = make_thread(board=board, title="Deleted thread")
    delete_post(deleted.first_post, actor=deleted.author)
    pending = make_thread(board=board, title="Pending thread")
    Post.objects.filter(pk=pending.first_post_id).update(status=Post.Status.PENDING)
    hidden_reply = make_thread(
        board=board, title="Thread with a hidden reply", replies=1
    )
    hide_post(hidden_reply.posts.get(is_opening=False), actor=moderator, reason="Rude")
    cache.clear()
    return {
        "board": board,
        "visible": visible,
        "hidden": hidden,
        "deleted": deleted,
        "pending": pending,
        "hidden_reply": hidden_reply,
    }


def test_the_index_lists_every_section_on_the_site_address(client):
    locs = _locs(client, "/sitemap.xml")
    assert locs == [
        f"{SITE}/sitemap-{section}.xml"
        for section in ("articles", "channels", "topics", "boards", "threads")
    ]


def test_the_thread_section_lists_exactly_what_a_visitor_may_read(client, scene):
    assert _thread_urls(client) == _in_own_language(
        scene["visible"], scene["hidden_reply"]
    )


def test_a_thread_visible_to_its_author_only_is_not_listed(client, scene):
    # The pending and hidden threads' authors may open them; visitors may not.
    client.force_login(scene["pending"].author)
    assert _address(scene["pending"]) not in _thread_urls(client)


def test_threads_carry_their_last_visible_activity_as_lastmod(client, scene):
    thread = scene["hidden_reply"]
    entries = _entries(client, "/sitemap-threads.xml")
    assert entries[_address(thread)] == thread.last_post_at.date().isoformat()


def test_the_board_section_lists_boards_with_their_last_activity(client, scene):
    board = scene["board"]
    board.refresh_from_db()
    entries = _entries(client, "/sitemap-boards.xml")
    day = board.last_post_at.date().isoformat()
    assert entries == dict.fromkeys(_in_own_language(board), day)


def test_the_article_section_leaves_drafts_out(client):
    published = make_article(status="published")
    draft = make_article(status="draft")
    locs = set(_locs(client, "/sitemap-articles.xml"))
    assert _address(published) in locs
    assert _address(draft) not in locs


def test_sections_are_paginated_at_the_configured_limit(client, settings, scene):
    settings.SITE_SITEMAP_LIMIT = 2
    more = [make_thread(board=scene["board"]) for _ in range(3)]
    cache.clear()
    index = _locs(client, "/sitemap.xml")
    threads = f"{SITE}/sitemap-threads.xml"
    # 5 threads, each in its own language: 5 addresses, 2 a page.
    assert [loc for loc in index if loc.startswith(threads)] == [
        threads,
        f"{threads}?p=2",
        f"{threads}?p=3",
    ]
    pages = [_locs(client, f"/sitemap-threads.xml?p={n}") for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    listed = [loc for page in pages for loc in page]
    expected = [scene["visible"], scene["hidden_reply"], *more]
    assert sorted(listed) == sorted(_in_own_language(*expected))
    assert client.get("/sitemap-threads.xml?p=4").status_code == 404
    assert client.get("/sitemap-threads.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def _alternates(client, section: str) -> dict[str, dict[str, str]]:
    root = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)  # noqa: S314
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.iter(xhtml)
        }
        for url in root.iterfind("s:url", NS)
    }


def test_text_is_listed_in_its_own_language_only_without_alternates(client, scene):
    """English text under the Chinese prefix is not a translation: no address
    labelled Chinese leads to English words (nor the other way round)."""
    english = _address(scene["visible"])
    chinese_board = make_board(slug="zh-board", language="zh-hant")
    chinese = make_thread(board=chinese_board, title="手指冰冷怎麼辦")
    with translation.override("zh-hant"):
        chinese_url = SITE + chinese.get_absolute_url()
    threads = _alternates(client, "threads")
    assert threads[english] == {}
    assert threads[chinese_url] == {}
    assert english.replace(SITE, f"{SITE}/zh-hant", 1) not in threads
    assert chinese_url.replace("/zh-hant", "", 1) not in threads
    with translation.override("zh-hant"):
        board_url = SITE + chinese_board.get_absolute_url()
    boards = _alternates(client, "boards")
    assert boards[board_url] == {}
    assert board_url.replace("/zh-hant", "", 1) not in boards


def test_the_protocol_limit_caps_the_setting(settings):
    settings.SITE_SITEMAP_LIMIT = 1_000_000
    assert sitemaps.SiteSitemap().limit == 50_000


def test_a_thread_appears_and_disappears_within_one_request(client, scene, moderator):
    """The sitemap is cached, but the services bump the version it is keyed on."""
    before = _thread_urls(client)
    assert _thread_urls(client) == before  # now served from the cache
    pending = scene["pending"]
    Post.objects.filter(pk=pending.first_post_id).update(status=Post.Status.PENDING)
    approve_post(Post.objects.get(pk=pending.first_post_id), actor=moderator)
    assert _address(pending) in _thread_urls(client)

    thread = scene["visible"]
    hide_post(thread.first_post, actor=moderator, reason="Off-topic")
    assert _address(thread) not in _thread_urls(client)
    restore_post(Post.objects.get(pk=thread.first_post_id), actor=moderator)
    assert _address(thread) in _thread_urls(client)

    new = make_thread(board=scene["board"])
    assert _address(new) in _thread_urls(client)


def test_sitemaps_are_served_from_the_cache(client, scene):
    client.get("/sitemap-threads.xml")
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sitemap-threads.xml")
        client.get("/sitemap.xml")
    assert response.status_code == HTTPStatus.OK
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "max-age=" in response["Cache-Control"]
    assert captured.captured_queries == []


def test_the_thread_section_runs_a_fixed_number_of_queries(client, scene):
    def count() -> int:
        cache.delete(sitemaps.VERSION_KEY)
        with CaptureQueriesContext(connection) as captured:
            client.get("/sitemap-threads.xml")
        return len(captured.captured_queries)

    few = count()
    for _ in range(5):
        make_thread(board=scene["board"], replies=2)
    assert count() == few


def test_robots_txt_names_the_index_on_the_site_address(client):
    body = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in body
    assert "localhost" not in body
