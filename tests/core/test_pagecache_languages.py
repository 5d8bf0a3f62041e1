"""The visitors' page cache is keyed by language: the English and the Chinese
address of a page never serve each other's stored copy, and a browser that asks
for Chinese is still sent to the Chinese page after the English one was stored."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.utils import translation

from tests.articles.factories import make_published
from tests.core.test_pagecache import visit
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGECACHE_ENABLED = True
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def paths():
    author = make_user("member", display_name="Willow")
    accept_terms(author)
    thread = make_thread(author=author, title="Tight skin on my arm")
    article = make_published(title="Tacrolimus ointment")
    with translation.override("en"):
        return ["/", "/forum/", thread.get_absolute_url(), article.get_absolute_url()]


def test_english_and_chinese_pages_never_serve_each_others_copy(client, paths):
    for path in paths:
        for _ in range(2):  # the second visit comes from the cache
            english = visit(client, path)
            chinese = visit(client, "/zh-hant" + path)
            assert english.status_code == chinese.status_code == HTTPStatus.OK
            assert '<html lang="en">' in english.content.decode(), path
            assert '<html lang="zh-Hant">' in chinese.content.decode(), path
            assert "跳到主要內容" in chinese.content.decode()
            assert "跳到主要內容" not in english.content.decode()
        assert not english.templates and not chinese.templates  # both were cached
        assert english["ETag"] != chinese["ETag"]


def test_a_stored_english_page_does_not_keep_a_chinese_browser_from_chinese(
    client, paths
):
    for path in paths:
        visit(client, path)
        visit(client, path)  # stored
        response = visit(client, path, **{"Accept-Language": "zh-TW,zh;q=0.9"})
        assert response.status_code == HTTPStatus.FOUND, path
        assert response["Location"] == "/zh-hant" + path
    assert settings.LANGUAGE_CODE == "en"
