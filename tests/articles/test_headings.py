"""Every h2 and h3 of an article's text carries an id and a visible “#” link to itself."""

import re

import pytest

from articles.headings import anchor_headings
from articles.models import Article
from tests.articles.factories import make_article

pytestmark = pytest.mark.django_db

NEWS_BODY = """\
Opening paragraph.

## What changes

Text.

### For members

More.

## What changes

Same words again.

## 紅斑性狼瘡
"""


def test_a_news_article_shows_anchored_headings(client):
    article = make_article(status="published", kind=Article.Kind.NEWS, body=NEWS_BODY)
    html = client.get(article.get_absolute_url()).content.decode()
    headings = re.findall(r'<(h[23]) id="([^"]+)">(.*?)</\1>', html, re.S)
    ids = {anchor: inner for _tag, anchor, inner in headings}
    for anchor in (
        "section-what-changes",
        "section-for-members",
        "section-what-changes-2",
        "section-紅斑性狼瘡",
    ):
        assert anchor in ids, anchor
        inner = ids[anchor]
        assert f'<a class="heading-anchor" href="#{anchor}">' in inner
        assert '<span aria-hidden="true">#</span>' in inner
        assert "Link to the section" in inner
    assert len(ids) == len(headings), "every id on the page is unique"


def test_drug_sections_carry_the_same_anchor_links(client):
    article = make_article(status="published", kind=Article.Kind.DRUG)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a class="heading-anchor" href="#dosing">' in html
    assert '<a class="heading-anchor" href="#overview-heading">' in html
    # The table of contents still points at the section ids.
    assert 'href="#dosing">Usual dosing</a>' in html


def test_anchoring_keeps_the_heading_text_escaped_and_leaves_other_tags():
    html = anchor_headings(
        "<h2>a &lt;b&gt; <em>c</em></h2><h4>kept</h4><p>## not a heading</p>"
    )
    assert '<h2 id="section-a-b-c">a &lt;b&gt; <em>c</em> ' in html
    assert "<h4>kept</h4>" in html
    assert "<script" not in html
    assert anchor_headings("") == ""


def test_anchors_are_stored_with_the_text_in_its_own_language_and_kept_out_of_search():
    from search.models import SearchEntry

    article = make_article(status="published", kind=Article.Kind.NEWS, body=NEWS_BODY)
    stored = Article.objects.get(pk=article.pk).body_html
    assert 'id="section-what-changes"' in stored  # rendered once, on save
    entry = SearchEntry.objects.get(article=article)
    assert "What changes" in entry.body and "Link to the section" not in entry.body

    chinese = make_article(
        status="published", language="zh-hant", body="## 日常保養\n\n內容。"
    )
    stored = Article.objects.get(pk=chinese.pk).body_html
    assert 'id="section-日常保養"' in stored and "Link to the section" not in stored


def test_the_migration_anchors_texts_saved_before_and_is_idempotent():
    from importlib import import_module

    from django.apps import apps

    article = make_article(status="published", kind=Article.Kind.NEWS, body=NEWS_BODY)
    Article.objects.filter(pk=article.pk).update(
        body_html="<h2>Older text</h2><p>Saved before anchors.</p>"
    )
    migration = import_module("articles.migrations.0008_anchored_headings_stored")
    migration.anchor_stored_texts(apps, None)
    once = Article.objects.get(pk=article.pk).body_html
    assert '<h2 id="section-older-text">Older text ' in once
    migration.anchor_stored_texts(apps, None)
    assert Article.objects.get(pk=article.pk).body_html == once
