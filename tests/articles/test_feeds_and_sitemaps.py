"""RSS/Atom feeds and sitemap.xml."""

import xml.etree.ElementTree as ET

import pytest

from tests.articles.factories import make_article, make_channel, make_topic

pytestmark = pytest.mark.django_db


def _xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own response)


def test_rss_feed_lists_published_articles_with_dates_and_topics(client):
    topic = make_topic("Morphea")
    article = make_article(status="published", topics=[topic], summary="About morphea.")
    make_article(status="draft", title="Draft only")
    response = client.get("/articles/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = _xml(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [article.title]
    assert items[0].findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert items[0].findtext("description") == "About morphea."
    assert items[0].findtext("category") == "Morphea"
    assert items[0].findtext("pubDate")


def test_atom_feed_has_updated_dates(client):
    article = make_article(status="published")
    response = client.get("/articles/feed/atom/")
    root = _xml(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = root.find("a:entry", ns)
    assert entry.findtext("a:title", namespaces=ns) == article.title
    assert entry.findtext("a:updated", namespaces=ns)


def test_channel_feed_lists_only_that_channel(client):
    drugs = make_channel("Drugs", slug="drugs")
    in_drugs = make_article(status="published", channel=drugs)
    make_article(status="published")
    response = client.get("/articles/channel/drugs/feed/")
    titles = [i.findtext("title") for i in _xml(response.content).iter("item")]
    assert titles == [in_drugs.title]
    assert client.get("/articles/channel/none/feed/").status_code == 404


def test_sitemap_lists_published_articles_with_lastmod_and_channels_and_topics(
    client, settings
):
    # /sitemap.xml is the index; the library's sections are sitemap-<section>.xml.
    settings.SITE_URL = "https://sclero.example"
    channel = make_channel(slug="conditions")
    topic = make_topic(slug="lupus")
    article = make_article(status="published", channel=channel, topics=[topic])
    draft = make_article(status="draft", slug="a-draft", channel=channel)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {}
    for section in ("articles", "channels", "topics"):
        response = client.get(f"/sitemap-{section}.xml")
        assert response.status_code == 200
        urls |= {
            u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
            for u in _xml(response.content).findall("s:url", ns)
        }
    article_url = f"https://sclero.example{article.get_absolute_url()}"
    assert urls[article_url] == article.last_published_at.date().isoformat()
    assert f"https://sclero.example{draft.get_absolute_url()}" not in urls
    assert urls["https://sclero.example/articles/channel/conditions/"]  # has lastmod
    assert "https://sclero.example/topics/lupus/" in urls
