"""Articles written in a language: readers see the ones in their language first."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import content as article_content
from articles import selectors
from core.languages import Language
from tests.articles.factories import make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_languages():
    now = timezone.now()
    chinese = make_published(
        title="局部硬皮症（硬斑病）的治療",
        language=Language.TRADITIONAL_CHINESE,
        publish_at=now - datetime.timedelta(days=2),
    )
    english = make_published(
        title="Treating morphea", publish_at=now - datetime.timedelta(days=1)
    )
    return chinese, english


def test_an_article_is_english_unless_its_editor_says_otherwise(two_languages):
    chinese, english = two_languages
    assert english.language == Language.ENGLISH
    assert chinese.language == Language.TRADITIONAL_CHINESE
    assert article_content.snapshot(chinese)["language"] == "zh-hant"
    assert article_content.normalize({})["language"] == "en"


def test_an_unknown_language_is_refused():
    content = article_content.normalize({"title": "x", "language": "xx"})
    with pytest.raises(ValidationError):
        article_content.validate(content)


def test_the_library_lists_the_readers_language_first(client, two_languages):
    chinese, english = two_languages
    english_page = client.get("/articles/").content.decode()
    chinese_page = client.get("/zh-hant/articles/").content.decode()
    assert english_page.index(english.title) < english_page.index(chinese.title)
    assert chinese_page.index(chinese.title) < chinese_page.index(english.title)


def test_the_home_page_keeps_one_selection_per_language(two_languages):
    chinese, english = two_languages
    assert selectors.home_articles(language="zh-hant")["latest"] == [chinese, english]
    assert selectors.home_articles(language="en")["latest"] == [english, chinese]
    assert selectors.home_articles()["latest"] == [english, chinese]
