"""Channel pages and drug pages show where the channel sits in the library:
its parent, the channels beside it and inside it, and related channels."""

import re

import pytest

from articles.models import Article
from tests.articles.factories import make_article, make_channel, make_topic

pytestmark = pytest.mark.django_db


def _nav(html: str) -> str:
    match = re.search(r'<nav class="channel-neighbours".*?</nav>', html, re.S)
    assert match, "no channel navigation on the page"
    return match.group(0)


def _groups(nav: str) -> dict[str, list[str]]:
    """Heading of each group → the link texts under it, in order."""
    groups = {}
    for heading, items in re.findall(
        r'<h3 class="channel-group">(.*?)</h3>\s*<ul class="channel-list">(.*?)</ul>',
        nav,
        re.S,
    ):
        groups[heading] = re.findall(r"<a [^>]*>(.*?)</a>", items)
    return groups


@pytest.fixture
def library():
    drugs = make_channel("Drugs", slug="drugs", position=3)
    treatments = make_channel("Treatments", slug="treatments", position=2)
    conditions = make_channel("Conditions", slug="conditions", position=1)
    news = make_channel("News", slug="news", position=4)
    drugs.related_channels.add(treatments)
    tci = make_channel("Calcineurin inhibitors", slug="tci", parent=drugs, position=1)
    immuno = make_channel("Immunosuppressants", slug="immuno", parent=drugs, position=2)
    morphea = make_topic("Morphea")
    # Conditions shares a topic with Immunosuppressants through published articles.
    make_article(status="published", channel=immuno, topics=[morphea])
    make_article(status="published", channel=conditions, topics=[morphea])
    # A draft sharing a topic makes nothing related.
    make_article(status="draft", channel=news, topics=[morphea])
    return locals()


def test_a_leaf_channel_shows_its_parent_siblings_and_related_channels(client, library):
    html = client.get("/articles/channel/immuno/").content.decode()
    groups = _groups(_nav(html))
    assert groups["Part of"] == ["Drugs"]
    assert groups["Also in Drugs"] == ["Calcineurin inhibitors"]
    # Inherited from Drugs first, then channels sharing topics; never a draft's channel.
    assert groups["Related channels"] == ["Treatments", "Conditions"]
    assert "In this channel" not in groups


def test_a_top_channel_shows_its_children_and_the_other_top_channels(client, library):
    html = client.get("/articles/channel/drugs/").content.decode()
    groups = _groups(_nav(html))
    assert groups["In this channel"] == ["Calcineurin inhibitors", "Immunosuppressants"]
    assert groups["Other channels"] == ["Conditions", "News"]
    # Treatments is a linked relation, listed once, under related and not as a sibling.
    assert groups["Related channels"] == ["Treatments"]
    assert "Part of" not in groups


def test_a_drug_page_shows_the_channels_around_its_own(client, library):
    page = make_article(
        status="published", kind=Article.Kind.DRUG, channel=library["immuno"]
    )
    html = client.get(page.get_absolute_url()).content.decode()
    nav = _nav(html)
    assert "More around Immunosuppressants" in nav
    assert 'href="/articles/channel/immuno/"' in nav
    groups = _groups(nav)
    assert groups["Also in Drugs"] == ["Calcineurin inhibitors"]
    assert "Treatments" in groups["Related channels"]


def test_news_and_guides_do_not_show_channel_navigation(client, library):
    page = make_article(status="published", kind=Article.Kind.NEWS)
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'class="channel-neighbours"' not in html


def test_a_lone_channel_shows_no_empty_navigation(client):
    make_channel("Only", slug="only")
    html = client.get("/articles/channel/only/").content.decode()
    assert 'class="channel-neighbours"' not in html
