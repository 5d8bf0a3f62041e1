"""Reads: visibility, related and referring articles, review lists."""

import datetime

import pytest
from django.utils import timezone

from articles import selectors, services
from articles.models import Article
from core import pagecache
from tests.articles.factories import content, make_article, make_channel, make_topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_articles_for_topics_orders_by_shared_topics_then_newest(
    django_assert_num_queries,
):
    a, b, c = make_topic(), make_topic(), make_topic()
    one_shared = make_article(status="published", topics=[a])
    two_shared = make_article(status="published", topics=[a, b])
    newer_one_shared = make_article(status="published", topics=[b])
    make_article(status="published", topics=[c])
    make_article(status="draft", topics=[a, b])
    with django_assert_num_queries(1):
        found = selectors.articles_for_topics([a.pk, b.pk], limit=5)
    assert found == [two_shared, newer_one_shared, one_shared]
    assert found[0].shared_topics == 2


def test_articles_for_topics_excludes_and_limits():
    a = make_topic()
    articles = [make_article(status="published", topics=[a]) for _ in range(4)]
    found = selectors.articles_for_topics([a.pk], limit=2, exclude_id=articles[-1].pk)
    assert len(found) == 2 and articles[-1] not in found
    assert selectors.articles_for_topics([]) == []


def test_channel_articles_include_two_levels_of_subchannels():
    top = make_channel()
    middle = make_channel(parent=top)
    bottom = make_channel(parent=middle)
    deep = make_article(status="published", channel=bottom)
    assert list(selectors.channel_articles(top)) == [deep]
    assert list(selectors.channel_articles(bottom)) == [deep]
    assert list(selectors.channel_articles(make_channel())) == []


def test_overdue_articles_are_published_ones_past_their_review_date():
    overdue = make_article(status="published", kind="guide")
    fine = make_article(status="published", kind="guide")
    hidden = make_article(status="unpublished", kind="guide")
    past = timezone.localdate() - datetime.timedelta(days=1)
    Article.objects.filter(pk__in=[overdue.pk, hidden.pk]).update(next_review_due=past)
    assert list(selectors.articles_overdue_for_review()) == [overdue]
    assert fine.next_review_due > timezone.localdate()


def test_awaiting_review_lists_requests_without_a_sign_off_of_the_latest_revision():
    editor = make_user("editor")
    waiting = make_article(status="in-review", kind="guide", editor=editor)
    signed = make_article(status="in-review", kind="guide", editor=editor)
    services.sign_off_review(
        signed, actor=make_user("professional"), revision=signed.latest_revision
    )
    live = make_article(status="published", kind="guide", editor=editor)
    services.save_draft(
        live,
        actor=editor,
        content=content(channel=live.channel, slug=live.slug, kind="guide"),
    )
    services.submit_for_review(live, actor=editor)
    make_article(status="draft")
    assert set(selectors.articles_awaiting_review()) == {waiting, live}


def test_author_choices_are_people_who_can_write():
    editor = make_user("editor")
    make_user("member")
    make_user("professional")
    assert list(selectors.author_choices()) == [editor]


def test_home_articles_do_not_repeat_featured_ones():
    editor = make_user("editor")
    articles = [make_article(status="published", editor=editor) for _ in range(4)]
    services.set_featured(articles[0], actor=editor, featured=True)
    home = selectors.home_articles(featured=3, latest=5)
    assert home["featured"] == [articles[0]]
    assert articles[0] not in home["latest"]
    assert len(home["latest"]) == 3


def test_home_articles_cache_is_forgotten_when_something_is_published():
    editor = make_user("editor")
    first = make_article(status="published", editor=editor)
    assert selectors.home_articles()["latest"] == [first]
    second = make_article(status="published", editor=editor)
    assert selectors.home_articles()["latest"] == [second, first]
    services.unpublish_article(second, actor=editor)
    assert selectors.home_articles()["latest"] == [first]


def test_home_articles_cache_never_outlives_the_next_expiry():
    from django.core.cache import cache

    editor = make_user("editor")
    article = make_article(status="in-review", editor=editor)
    services.publish_article(
        article, actor=editor, expire_at=timezone.now() + datetime.timedelta(seconds=90)
    )
    now = timezone.now()
    assert selectors._seconds_until_visibility_changes(now) <= 91
    selectors.home_articles()
    key = selectors._home_key(None, pagecache.current_version())
    assert cache.get(key) is not None
