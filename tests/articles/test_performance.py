"""Reader pages run a fixed number of queries whatever the amount of data, and never write."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import selectors
from articles.models import Article
from core import disclaimers, pagecache
from tests.articles.factories import make_article, make_channel, make_topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# Pinned counts for an anonymous reader (the disclaimer cache starts cold). The
# home page is shared with the forum, so only its article part is pinned here.
MAX_QUERIES = {
    "home": None,
    "library": 6,
    "channel": 6,
    "topic": 5,  # 4 for the library, 1 for the forum threads on the topic
    # A drug page: 7 for the library, 2 for the channels around its own, 1 for
    # related discussions (search).
    "article": 10,
    "feed": 2,
    "channel-feed": 3,
    "sitemap": 6,
}


def _add_articles(scene, count: int) -> None:
    editor = scene["editor"]
    for n in range(count):
        make_article(
            status="published",
            editor=editor,
            channel=scene["sub"] if n % 2 else scene["channel"],
            topics=scene["topics"][n % 4 : n % 4 + 3],
            references=[{"title": f"Ref {n}-{i}", "year": 2020} for i in range(3)],
            body=f"Article {n} links to [the target](/articles/{scene['target'].slug}/).",
        )


@pytest.fixture
def scene(db):
    editor = make_user("editor")
    channel = make_channel("Drugs", slug="drugs")
    sub = make_channel("Immunosuppressants", slug="immuno", parent=channel)
    channel.related_channels.add(make_channel("Treatments"))
    topics = [make_topic() for _ in range(6)]
    target = make_article(
        status="published",
        kind=Article.Kind.DRUG,
        editor=editor,
        channel=sub,
        topics=topics,
        references=[
            {"title": f"Reference {i}", "doi": f"10.1000/{i}"} for i in range(12)
        ],
        drug={
            "brand_names": "Protopic",
            "indications": "Morphea.",
            "dosing": "Twice daily.",
            "monitoring": "Skin checks.",
        },
    )
    scene = {
        "editor": editor,
        "channel": channel,
        "sub": sub,
        "topics": topics,
        "target": target,
    }
    _add_articles(scene, 2)
    scene["urls"] = {
        "home": "/",
        "library": "/articles/",
        "channel": channel.get_absolute_url(),
        "topic": topics[0].get_absolute_url(),
        "article": target.get_absolute_url(),
        "feed": "/articles/feed/",
        "channel-feed": "/articles/channel/drugs/feed/",
        "sitemap": "/sitemap.xml",
    }
    return scene


def _queries(client, url: str) -> list[str]:
    # Every count starts from cold page caches (the session and permissions warm).
    client.get(url)
    cache.delete(disclaimers.CACHE_KEY)
    # A new content version: the visitors' page cache and the home page's articles
    # kept under the old one go cold, so the page's own queries are counted.
    pagecache.bump()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def test_reader_pages_run_a_fixed_number_of_queries(
    client, scene, django_assert_max_num_queries
):
    few = {page: len(_queries(client, url)) for page, url in scene["urls"].items()}
    _add_articles(scene, 53)
    assert Article.objects.count() >= 56
    many = {page: len(_queries(client, url)) for page, url in scene["urls"].items()}
    assert many == few, "query counts grew with the number of articles"
    for page, ceiling in MAX_QUERIES.items():
        if ceiling is None:
            continue
        cache.delete(disclaimers.CACHE_KEY)
        pagecache.bump()
        with django_assert_max_num_queries(ceiling, info=page):
            client.get(scene["urls"][page])


@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_reader_pages_never_write(client, scene, page):
    writes = [
        sql
        for sql in _queries(client, scene["urls"][page])
        if sql.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []


def test_article_page_for_a_signed_in_member_stays_fixed(client, scene):
    client.force_login(make_user("member"))
    url = scene["urls"]["article"]
    few = len(_queries(client, url))
    _add_articles(scene, 20)
    assert len(_queries(client, url)) == few


def test_home_articles_take_three_queries_cold_and_none_warm(
    scene, django_assert_num_queries
):
    _add_articles(scene, 10)
    with django_assert_num_queries(3):
        articles = selectors.home_articles()
    assert len(articles["latest"]) == 5
    with django_assert_num_queries(0):
        assert selectors.home_articles() == articles
