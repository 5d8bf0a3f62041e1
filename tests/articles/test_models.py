"""Model invariants and small derived properties."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Channel, DrugProfile, add_years
from tests.articles.factories import make_article, make_channel

pytestmark = pytest.mark.django_db


def test_add_years_handles_leap_days():
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert add_years(datetime.date(2024, 3, 1), 3) == datetime.date(2027, 3, 1)


def test_channel_tree_is_at_most_three_deep():
    top = make_channel("Top")
    middle = make_channel("Middle", parent=top)
    bottom = make_channel("Bottom", parent=middle)
    assert [
        c.name
        for c in Channel.objects.select_related("parent__parent")
        .get(pk=bottom.pk)
        .ancestors()
    ] == ["Top", "Middle"]
    with pytest.raises(ValidationError):
        Channel(name="Deep", slug="deep", parent=bottom).full_clean()


def test_channel_cannot_be_its_own_ancestor():
    top = make_channel("Top")
    child = make_channel("Child", parent=top)
    top.parent = child
    with pytest.raises(ValidationError):
        top.full_clean()


def test_database_refuses_an_image_without_alt_text():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(hero_image="a.png", hero_alt="")


def test_database_refuses_expiry_before_publication():
    article = make_article(status="published")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(
            expire_at=article.publish_at - datetime.timedelta(seconds=1)
        )


def test_is_visible_matches_the_selector_rule():
    now = timezone.now()
    article = Article(status=Article.Status.PUBLISHED, publish_at=now)
    assert article.is_visible(now)
    article.expire_at = now
    assert not article.is_visible(now)
    article.status, article.expire_at = Article.Status.SCHEDULED, None
    assert article.is_visible(now)
    article.publish_at = now + datetime.timedelta(seconds=1)
    assert not article.is_visible(now)
    assert not Article(status=Article.Status.DRAFT, publish_at=now).is_visible(now)


def test_workflow_labels():
    now = timezone.now()
    later = now + datetime.timedelta(days=1)
    assert Article(status="draft").workflow_label(now) == "Draft"
    assert (
        Article(status="scheduled", publish_at=later)
        .workflow_label(now)
        .startswith("Scheduled for")
    )
    assert (
        Article(status="published", publish_at=now, expire_at=now).workflow_label(now)
        == "Expired"
    )


def test_drug_sections_keep_the_fixed_order_and_skip_empty_ones():
    profile = DrugProfile(
        monitoring_html="<p>m</p>", brand_names_html="<p>b</p>", dosing_html=""
    )
    assert [anchor for anchor, _h, _html in profile.sections()] == [
        "brand-names",
        "monitoring",
    ]
