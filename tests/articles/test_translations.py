"""Translations of an article: a group, one article per language, each reviewed and
published on its own; the pages, head and sitemap link them."""

import xml.etree.ElementTree as ET  # noqa: S405 (our own sitemap)
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from articles import services
from articles.models import Article
from core.languages import Language
from tests.articles.factories import Staff, make_article, make_topic

pytestmark = pytest.mark.django_db

ZH = Language.TRADITIONAL_CHINESE
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def _path(article: Article) -> str:
    """The article's address on the English site (whatever language is active)."""
    with translation.override("en"):
        return article.get_absolute_url()


def _url(name: str, *args) -> str:
    return reverse(f"admin:articles_article_{name}", args=args)


def _publish(article: Article, staff: Staff) -> Article:
    """Submit, sign off (medical kinds) and publish through the services."""
    services.submit_for_review(article, actor=staff.editor)
    article = Article.objects.get(pk=article.pk)
    if article.is_medical:
        services.sign_off_review(
            article, actor=staff.reviewer, revision=article.latest_revision
        )
    services.publish_article(article, actor=staff.editor)
    return Article.objects.get(pk=article.pk)


def _translate(article: Article, staff: Staff, *, title: str, slug: str) -> Article:
    """A translation, rewritten in Chinese as its translator would."""
    translation = services.create_translation(article, actor=staff.editor, language=ZH)
    content = dict(translation.latest_revision.content, title=title, slug=slug)
    services.save_draft(translation, actor=staff.editor, content=content)
    return Article.objects.get(pk=translation.pk)


@pytest.fixture
def pair():
    """A published English guide and its published Chinese translation."""
    staff = Staff()
    topic = make_topic("Morphea", slug="morphea")
    english = make_article(
        status="published",
        kind="guide",
        title="Living with morphea",
        slug="living-with-morphea",
        topics=[topic],
        editor=staff.editor,
        reviewer=staff.reviewer,
    )
    chinese = _translate(english, staff, title="與硬斑症共處", slug="與硬斑症共處")
    chinese = _publish(chinese, staff)
    return Article.objects.get(pk=english.pk), chinese


# The editor


def test_an_editor_creates_a_chinese_draft_translation_from_the_editor(
    client, login_as
):
    editor = login_as("editor")
    english = make_article(status="published", kind="news", title="Trial news")
    page = client.get(_url("change", english.pk)).content.decode()
    assert "Translate into 繁體中文" in page
    response = client.post(_url("translate", english.pk), {"language": ZH})
    translation = Article.objects.exclude(pk=english.pk).get(title="Trial news")
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == _url("change", translation.pk)
    english.refresh_from_db()
    assert translation.language == ZH
    assert translation.status == Article.Status.DRAFT
    assert translation.translation_group == english.translation_group is not None
    assert translation.latest_revision.author == editor
    assert translation.revisions.count() == 1
    # Both editors list the group with each article's status; no second offer.
    page = client.get(_url("change", english.pk)).content.decode()
    assert _url("change", translation.pk) in page
    assert "(Draft)" in page and "(Published)" in page
    assert "Translate into 繁體中文" not in page


def test_a_second_translation_into_the_same_language_is_refused(client, login_as):
    login_as("editor")
    english = make_article(status="draft", kind="news")
    client.post(_url("translate", english.pk), {"language": ZH})
    response = client.post(_url("translate", english.pk), {"language": ZH})
    flashed = [str(m) for m in get_messages(response.wsgi_request)]
    assert response.status_code == HTTPStatus.FOUND
    assert "already has a translation in that language" in " ".join(flashed)
    assert Article.objects.filter(language=ZH).count() == 1
    same = client.post(_url("translate", english.pk), {"language": "en"})
    assert same.status_code == HTTPStatus.FOUND
    assert Article.objects.count() == 2


def test_people_without_the_add_permission_cannot_translate(client, login_as):
    login_as("professional")
    english = make_article(status="published", kind="news")
    response = client.post(_url("translate", english.pk), {"language": ZH})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Article.objects.count() == 1
    assert client.get(_url("translate", english.pk)).status_code in (
        HTTPStatus.METHOD_NOT_ALLOWED,
        HTTPStatus.FORBIDDEN,
    )


def test_the_editor_form_refuses_a_language_already_in_the_group(client, login_as):
    from tests.articles.test_admin import _form_data  # noqa: PLC0415

    login_as("editor")
    english = make_article(status="draft", kind="news")
    client.post(_url("translate", english.pk), {"language": ZH})
    translation = Article.objects.get(language=ZH)
    response = client.post(
        _url("change", translation.pk), _form_data(translation, language="en")
    )
    assert response.status_code == HTTPStatus.OK
    assert "Each language has one article in a group" in response.content.decode()
    translation.refresh_from_db()
    assert translation.language == ZH
    assert translation.revisions.count() == 1


def test_the_database_holds_one_article_per_language_in_a_group():
    english = make_article(status="draft", kind="news")
    services.create_translation(english, actor=Staff().editor, language=ZH)
    english.refresh_from_db()
    other = make_article(status="draft", kind="news", language=ZH)
    other.translation_group = english.translation_group
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save(update_fields=["translation_group"])


# Each translation has its own workflow


def test_publishing_a_translation_leaves_the_original_unpublished(client, login_as):
    staff = Staff()
    english = make_article(status="draft", kind="guide", editor=staff.editor)
    chinese = _translate(english, staff, title="中文指南", slug="中文指南")
    services.submit_for_review(chinese, actor=staff.editor)
    chinese = Article.objects.get(pk=chinese.pk)
    # The translation needs its own medical sign-off: the original's is not enough.
    client.force_login(staff.editor)
    client.post(_url("workflow", chinese.pk), {"action": "publish"})
    assert Article.objects.get(pk=chinese.pk).status == Article.Status.IN_REVIEW
    services.sign_off_review(
        chinese, actor=staff.reviewer, revision=chinese.latest_revision
    )
    client.post(_url("workflow", chinese.pk), {"action": "publish"})
    chinese.refresh_from_db()
    english.refresh_from_db()
    assert chinese.status == Article.Status.PUBLISHED
    assert chinese.live_review.reviewer == staff.reviewer
    assert english.status == Article.Status.DRAFT
    assert english.live_review is None
    assert client.get(_path(english)).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    page = client.get(f"/zh-hant{_path(chinese)}").content.decode()
    assert "中文指南" in page
    assert "Also in:" not in page and "article-translations" not in page


def test_unpublishing_the_original_keeps_the_translation_live(client, pair):
    english, chinese = pair
    services.unpublish_article(english, actor=Staff().editor)
    assert client.get(f"/zh-hant{_path(chinese)}").status_code == 200
    page = client.get(f"/zh-hant{_path(chinese)}").content.decode()
    assert english.title not in page


# Reader pages


def test_the_article_page_links_its_published_translation(client, pair):
    english, chinese = pair
    page = client.get(_path(english)).content.decode()
    link = (
        f'<a href="/zh-hant{_path(chinese)}" hreflang="zh-Hant" '
        f'lang="zh-Hant">繁體中文 · 與硬斑症共處</a>'
    )
    assert link in page
    page = client.get(f"/zh-hant{_path(chinese)}").content.decode()
    assert f'<a href="{_path(english)}" hreflang="en" lang="en">' in page
    assert '"inLanguage": "zh-Hant"' in page  # schema.org says so too


def test_hreflang_alternates_and_the_switcher_lead_to_the_translation(
    client, pair, settings
):
    settings.SITE_URL = "https://sclero.example"
    english, chinese = pair
    chinese_path = f"/zh-hant{_path(chinese)}"
    for path in (_path(english), chinese_path):
        page = client.get(path).content.decode()
        assert (
            f'<link rel="alternate" hreflang="zh-Hant" '
            f'href="https://sclero.example{chinese_path}">'
        ) in page
        assert (
            f'<link rel="alternate" hreflang="en" '
            f'href="https://sclero.example{_path(english)}">'
        ) in page
    page = client.get(_path(english)).content.decode()
    assert f'name="next" value="{chinese_path}"' in page


def test_an_article_without_a_translation_names_no_other_language(client, settings):
    """It can be read under either prefix (the interface changes), but no
    alternate labels its English text Chinese, and its canonical address is the
    one in its own language."""
    settings.SITE_URL = "https://sclero.example"
    article = make_article(status="published", kind="news", slug="only-english")
    for path in ("/articles/only-english/", "/zh-hant/articles/only-english/"):
        page = client.get(path).content.decode()
        assert 'rel="alternate" hreflang' not in page, path
        assert (
            '<link rel="canonical" href="https://sclero.example/articles/only-english/">'
        ) in page, path
        assert "article-translations" not in page
    assert article.translation_group is None


def test_lists_offer_the_readers_translation_and_mark_the_other_language(client, pair):
    english, chinese = pair
    only_english = make_article(
        status="published",
        kind="news",
        title="English-only news",
        channel=english.channel,
    )
    for path in ("/zh-hant/articles/", f"/zh-hant{english.channel.get_absolute_url()}"):
        page = client.get(path).content.decode()
        assert "與硬斑症共處" in page, path
        assert "Living with morphea" not in page, path
        assert only_english.title in page
        card = page[page.index(only_english.title) :][:600]
        assert "language-badge" in card
    page = client.get("/articles/").content.decode()
    assert "Living with morphea" in page
    assert "與硬斑症共處" not in page
    assert "language-badge" not in page
    home = client.get("/zh-hant/").content.decode()
    assert "Living with morphea" not in home


def test_related_articles_leave_out_the_pages_own_translation(client, pair):
    english, chinese = pair
    page = client.get(_path(english)).content.decode()
    aside = (
        page[page.find('id="related-heading"') :] if "related-heading" in page else ""
    )
    assert "與硬斑症共處" not in aside


def test_the_sitemap_gives_a_translated_article_its_translation_as_alternate(
    client, pair, settings
):
    settings.SITE_URL = "https://sclero.example"
    english, chinese = pair
    lone = make_article(status="published", kind="news", slug="lone")
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)  # noqa: S314
    entries = {
        url.findtext("s:loc", namespaces=SITEMAP_NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }
    origin = "https://sclero.example"
    english_url = origin + _path(english)
    chinese_url = f"{origin}/zh-hant{_path(chinese)}"
    expected = {"en": english_url, "zh-hant": chinese_url, "x-default": english_url}
    assert entries[english_url] == expected
    assert entries[chinese_url] == expected
    # Each translated article is listed at its own language's address only.
    assert f"{origin}/zh-hant{_path(english)}" not in entries
    assert origin + _path(chinese) not in entries
    # An article without translations is listed in its own language only, with
    # no alternate: English text under the Chinese prefix is not a translation.
    assert entries[origin + _path(lone)] == {}
    assert f"{origin}/zh-hant{_path(lone)}" not in entries
