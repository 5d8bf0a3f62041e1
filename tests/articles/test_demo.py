"""The demo library: what the issue asks for, created through services, idempotent."""

import pytest

from articles import demo
from articles.models import Article, Channel, ReviewSignOff, Revision
from articles.selectors import published_articles
from core.models import AuditEntry, Topic
from members import demo as member_demo

pytestmark = pytest.mark.django_db


def _seed():
    users = member_demo.seed(lambda message: None)
    demo.seed(lambda message: None, users)
    return users


def test_demo_library_has_what_the_issue_asks_for():
    _seed()
    assert Channel.objects.count() >= 3
    assert Channel.objects.filter(parent__isnull=False).exists()
    assert Topic.objects.count() >= 6
    published = published_articles()
    assert published.count() >= 8
    slugs = set(published.values_list("slug", flat=True))
    assert {"morphea", "lichen-sclerosus", "systemic-sclerosis"} <= slugs
    drugs = set(
        published.filter(kind="drug", language="en").values_list("slug", flat=True)
    )
    assert drugs == {
        "tacrolimus-ointment",
        "pimecrolimus-cream",
        "methotrexate",
        "mycophenolate",
    }
    assert published.filter(kind="news").exists()
    assert Article.objects.filter(status="in-review").count() == 1
    assert Article.objects.filter(status="scheduled").count() == 1
    for article in published.filter(kind__in=Article.MEDICAL_KINDS):
        assert article.live_review is not None, article.slug
        assert article.live_review.revision_id == article.live_revision_id
        assert article.references.exists(), article.slug
    assert AuditEntry.objects.filter(action="article.publish").count() >= 8


def test_demo_seed_twice_changes_nothing():
    users = _seed()
    counts = (
        Article.objects.count(),
        Revision.objects.count(),
        ReviewSignOff.objects.count(),
        AuditEntry.objects.count(),
    )
    demo.seed(lambda message: None, users)
    assert counts == (
        Article.objects.count(),
        Revision.objects.count(),
        ReviewSignOff.objects.count(),
        AuditEntry.objects.count(),
    )


def test_demo_pages_render(client):
    _seed()
    for article in published_articles():
        assert client.get(article.get_absolute_url()).status_code == 200
    html = client.get("/articles/tacrolimus-ointment/").content.decode()
    assert "Referring pages" in html and "Morphea (localized scleroderma)" in html
    news = client.get("/articles/reviewed-pages/").content.decode()
    assert '<h2 id="section-when-a-page-changes">' in news  # anchored news headings


def test_demo_library_has_the_chinese_translations_reviewed_and_linked(client):
    _seed()
    for english_slug, chinese_slug in (
        ("tacrolimus-ointment", "普特皮藥膏"),
        ("morphea", "硬斑病"),
    ):
        english = Article.objects.get(slug=english_slug)
        chinese = Article.objects.get(slug=chinese_slug)
        assert chinese.language == "zh-hant"
        assert chinese.translation_group == english.translation_group is not None
        assert chinese.is_visible()
        assert chinese.live_review is not None
        assert chinese.live_review != english.live_review
        page = client.get(f"/zh-hant/articles/{chinese_slug}/").content.decode()
        assert f'href="/articles/{english_slug}/" hreflang="en"' in page
    page = client.get("/zh-hant/articles/普特皮藥膏/").content.decode()
    assert "普特皮" in page and "一天兩次" in page
    # A second run writes nothing new.
    before = Article.objects.count()
    _seed()
    assert Article.objects.count() == before
