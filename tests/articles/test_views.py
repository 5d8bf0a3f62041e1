"""Reader pages, the staff preview and "Report an error", through the test client."""

import datetime
import json
import re
from http import HTTPStatus

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, CorrectionRequest
from tests.articles.factories import content, make_article, make_channel, make_topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


# Library, channels, topics


def test_library_shows_featured_and_latest_and_paginates(client):
    editor = make_user("editor")
    channel = make_channel("Conditions")
    articles = [
        make_article(status="published", channel=channel, editor=editor)
        for _ in range(22)
    ]
    services.set_featured(articles[0], actor=editor, featured=True)
    first = client.get("/articles/")
    html = first.content.decode()
    assert "Featured" in html
    assert html.count('class="card article-card"') == 21  # 1 featured + 20 latest
    assert 'href="?page=2"' in html
    second = client.get("/articles/?page=2").content.decode()
    assert articles[0].title in second  # oldest is on page 2
    assert "Featured" not in second
    assert client.get("/articles/?page=999").status_code == HTTPStatus.OK
    assert client.get("/articles/?page=abc").status_code == HTTPStatus.OK


def test_library_lists_channels_with_subchannels(client):
    drugs = make_channel("Drugs")
    make_channel("Immunosuppressants", parent=drugs)
    html = client.get("/articles/").content.decode()
    assert "Drugs" in html and "Immunosuppressants" in html


def test_channel_page_lists_its_and_its_subchannels_articles(client):
    drugs = make_channel("Drugs", slug="drugs")
    sub = make_channel("Calcineurin inhibitors", slug="cni", parent=drugs)
    elsewhere = make_channel("News", slug="news")
    drugs.related_channels.add(elsewhere)
    in_sub = make_article(status="published", channel=sub, title="Pimecrolimus cream")
    in_news = make_article(status="published", channel=elsewhere, title="Trial news")
    html = client.get("/articles/channel/drugs/").content.decode()
    assert in_sub.title in html
    assert in_news.title not in html
    assert "Related channels" in html and "/articles/channel/news/" in html
    assert "In this channel" in html and "/articles/channel/cni/" in html
    sub_html = client.get("/articles/channel/cni/").content.decode()
    assert 'aria-label="Breadcrumb"' in sub_html
    assert sub_html.index("/articles/channel/drugs/") < sub_html.index("<h1>")


def test_unknown_channel_and_topic_are_404(client):
    assert client.get("/articles/channel/nope/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/topics/nope/").status_code == HTTPStatus.NOT_FOUND


def test_topic_page_lists_published_articles_and_has_a_threads_block(client):
    topic = make_topic("Lichen sclerosus", slug="lichen-sclerosus")
    article = make_article(status="published", topics=[topic])
    response = client.get("/topics/lichen-sclerosus/")
    assert response.status_code == HTTPStatus.OK
    assert article.title in response.content.decode()
    from django.template.loader import get_template

    source = get_template("topic_detail.html").template.source
    assert '{% include "forum/includes/topic_threads.html" %}' in source


def test_unicode_topic_and_article_slugs_resolve(client):
    topic = make_topic("Sclérodermie", slug="sclérodermie")
    article = make_article(status="published", slug="méthotrexate", topics=[topic])
    assert client.get(topic.get_absolute_url()).status_code == HTTPStatus.OK
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK


# Article page


@pytest.fixture
def drug_page(db):
    topic = make_topic("Tacrolimus", slug="tacrolimus")
    editor = make_user("editor", display_name="Edith Writer")
    reviewer = make_user(
        "professional", display_name="Dr Ana Review", specialty="Dermatology"
    )
    article = make_article(
        status="published",
        kind=Article.Kind.DRUG,
        title="Tacrolimus ointment",
        slug="tacrolimus-ointment",
        summary="A calcineurin inhibitor ointment.",
        topics=[topic],
        editor=editor,
        reviewer=reviewer,
        references=[
            {
                "title": "First study",
                "source": "Journal A",
                "year": 2009,
                "pmid": "123",
            },
            {"title": "Second study", "doi": "10.1000/second", "year": 2015},
        ],
        drug={
            "monitoring": "Skin checks.",
            "brand_names": "Protopic",
            "indications": "Morphea.",
            "dosing": "Twice a day.",
            "pregnancy": "Ask first.",
        },
    )
    return article


def test_article_page_shows_dates_review_and_next_review(client, drug_page):
    html = client.get(drug_page.get_absolute_url()).content.decode()
    today = timezone.localdate()
    assert html.count("<h1") == 1
    assert "Edith Writer" in html
    assert "First published" in html and "Last updated" in html
    assert (
        f"Medically reviewed by Dr Ana Review, Dermatology on {today:%-d %B %Y}" in html
    )
    next_year = today.replace(year=today.year + 1)
    assert f'Next review due</dt><dd><time datetime="{next_year:%Y-%m-%d}"' in html


def test_drug_sections_come_in_the_fixed_order_with_a_table_of_contents(
    client, drug_page
):
    html = client.get(drug_page.get_absolute_url()).content.decode()
    order = [
        "Brand names",
        "Main indications",
        "Usual dosing",
        "Pregnancy and",
        "Monitoring",
    ]
    headings = [html.index(f'">{heading}') for heading in order]
    toc = html.index("On this page")
    assert toc < headings[0]
    sections = [
        html.index(f'<h2 id="{anchor}"')
        for anchor in (
            "brand-names",
            "indications",
            "dosing",
            "pregnancy",
            "monitoring",
        )
    ]
    assert sections == sorted(sections)
    assert 'href="#monitoring"' in html
    assert "Adverse reactions" not in html  # empty sections are left out


def test_references_are_numbered_with_their_links(client, drug_page):
    html = client.get(drug_page.get_absolute_url()).content.decode()
    assert 'id="ref-1"' in html and 'id="ref-2"' in html
    assert html.index("First study") < html.index("Second study")
    assert "https://pubmed.ncbi.nlm.nih.gov/123/" in html
    assert "https://doi.org/10.1000/second" in html


def test_article_page_has_json_ld_open_graph_and_canonical(client, drug_page, settings):
    settings.SITE_URL = "https://sclero.example"
    html = client.get(drug_page.get_absolute_url()).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "MedicalWebPage"
    assert data["mainEntity"]["@type"] == "Drug"
    assert data["mainEntity"]["alternateName"] == "Protopic"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Ana Review",
        "jobTitle": "Dermatology",
    }
    assert data["lastReviewed"] == timezone.localdate().isoformat()
    assert data["datePublished"] and data["dateModified"]
    assert len(data["citation"]) == 2
    # The configured site address, not the request's host.
    url = "https://sclero.example/articles/tacrolimus-ointment/"
    assert html.count('<link rel="canonical"') == 1
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html


def test_json_ld_cannot_be_broken_out_of(client):
    article = make_article(status="published")
    # Services refuse HTML in titles; the template must still be safe on its own.
    hostile = "A </script><script>alert(1)</script> & title"
    Article.objects.filter(pk=article.pk).update(title=hostile)
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block.group(1)
    assert _json_ld(html)["headline"] == hostile
    assert "<script>alert(1)" not in html


def test_news_pages_have_no_review_line(client):
    article = make_article(status="published", kind=Article.Kind.NEWS)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Medically reviewed" not in html
    assert "lastReviewed" not in html


def test_article_page_shows_the_articles_disclaimer_with_its_version(client, drug_page):
    html = client.get(drug_page.get_absolute_url()).content.decode()
    assert "About our articles" in html
    assert '<span class="version">v1.0</span>' in html


def test_share_links_are_plain_links_without_scripts(client, drug_page, settings):
    settings.SITE_URL = "https://sclero.example"
    html = client.get(drug_page.get_absolute_url()).content.decode()
    assert "mailto:?subject=Tacrolimus%20ointment" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html
    url = "https://sclero.example/articles/tacrolimus-ointment/"
    assert f'data-copy-url="{url}"' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all('src="/static/' in tag or "ld+json" in tag for tag in scripts)


def test_related_articles_share_topics_and_referring_pages_link_here(client, drug_page):
    topic = drug_page.topics.get()
    related = make_article(status="published", title="Morphea guide", topics=[topic])
    unrelated = make_article(status="published", title="Unrelated news")
    referrer = make_article(
        status="published",
        title="Lichen sclerosus explained",
        body="Treatment may include [tacrolimus](/articles/tacrolimus-ointment/).",
    )
    html = client.get(drug_page.get_absolute_url()).content.decode()
    related_part = html[html.index("Related articles") : html.index("Referring pages")]
    assert related.title in related_part and unrelated.title not in related_part
    referring_part = html[html.index("Referring pages") :]
    assert referrer.title in referring_part and related.title not in referring_part


def test_old_slug_redirects_permanently_to_the_new_address(client):
    editor = make_user("editor")
    article = make_article(status="published", slug="old-address", editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug="new-address"),
    )
    services.publish_article(article, actor=editor)
    response = client.get("/articles/old-address/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/articles/new-address/"


def test_old_slug_of_an_unpublished_article_is_404(client):
    editor = make_user("editor")
    article = make_article(status="published", slug="old-address", editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug="new-address"),
    )
    services.publish_article(article, actor=editor)
    services.unpublish_article(article, actor=editor)
    assert client.get("/articles/old-address/").status_code == HTTPStatus.NOT_FOUND


def test_referring_pages_follow_a_renamed_article(client):
    editor = make_user("editor")
    target = make_article(status="published", slug="before", editor=editor)
    referrer = make_article(status="published", body="[see](/articles/before/)")
    services.save_draft(
        target, actor=editor, content=content(channel=target.channel, slug="after")
    )
    services.publish_article(target, actor=editor)
    html = client.get("/articles/after/").content.decode()
    assert referrer.title in html[html.index("Referring pages") :]


def test_article_pages_only_answer_get_and_head(client, drug_page):
    assert client.post(drug_page.get_absolute_url()).status_code == 405
    assert client.head(drug_page.get_absolute_url()).status_code == 200


# Staff preview


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", HTTPStatus.FOUND),
        ("unverified", HTTPStatus.FORBIDDEN),
        ("member", HTTPStatus.FORBIDDEN),
        ("moderator", HTTPStatus.FORBIDDEN),
        ("professional", HTTPStatus.OK),
        ("editor", HTTPStatus.OK),
    ],
)
def test_preview_is_for_editors_and_reviewers_only(client, login_as, role, expected):
    article = make_article(title="Secret draft")
    login_as(role)
    response = client.get(article.latest_revision.get_preview_url())
    assert response.status_code == expected
    if expected == HTTPStatus.OK:
        html = response.content.decode()
        assert "Secret draft" in html
        assert "Preview of revision 1" in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
    else:
        assert "Secret draft" not in response.content.decode()


def test_preview_shows_an_old_revision_exactly(client, login_as):
    editor = login_as("editor")
    article = make_article(
        status="published", kind="drug", title="First", editor=editor
    )
    services.save_draft(
        article,
        actor=editor,
        content=content(
            channel=article.channel,
            slug=article.slug,
            kind="drug",
            title="Second",
            drug={"indications": "New *indication*", "dosing": "x"},
        ),
    )
    first, second = article.revisions.order_by("number")
    html = client.get(first.get_preview_url()).content.decode()
    assert "First" in html and "This is the revision readers see now." in html
    html = client.get(second.get_preview_url()).content.decode()
    assert "<em>indication</em>" in html and "readers don" in html


# Report an error


def test_report_error_sends_visitors_to_log_in(client, drug_page):
    response = client.get(f"{drug_page.get_absolute_url()}report/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/accounts/login/")


def test_report_error_asks_unverified_members_to_confirm_their_email(
    client, login_as, drug_page
):
    login_as("unverified")
    response = client.post(
        f"{drug_page.get_absolute_url()}report/", {"message": "The dose is wrong here."}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "confirm your email" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


@pytest.mark.parametrize("role", ["member", "professional", "editor", "moderator"])
def test_members_report_an_error_for_editors(client, login_as, drug_page, role):
    user = login_as(role)
    url = f"{drug_page.get_absolute_url()}report/"
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(url, {"message": "The dosing section says twice a week."})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == drug_page.get_absolute_url()
    correction = CorrectionRequest.objects.get()
    assert correction.reporter == user
    assert correction.revision_id == drug_page.live_revision_id
    assert correction.status == CorrectionRequest.Status.OPEN


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("", "This field is required."),
        ("short", "at least 10"),
        ("x" * 2001, "at most 2000"),
        ("Null \x00 character here", "can't be saved (a null byte)"),
        ("Look <script>alert(1)</script> here", "HTML isn"),
    ],
)
def test_report_error_gives_clear_errors(client, login_as, drug_page, message, error):
    login_as("member")
    response = client.post(
        f"{drug_page.get_absolute_url()}report/", {"message": message}
    )
    assert response.status_code == HTTPStatus.OK
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not CorrectionRequest.objects.exists()


def test_report_error_is_rate_limited(client, login_as, drug_page):
    login_as("member")
    url = f"{drug_page.get_absolute_url()}report/"
    for n in range(10):
        assert (
            client.post(
                url, {"message": f"Problem number {n} on this page"}
            ).status_code
            == 302
        )
    response = client.post(url, {"message": "One report too many today"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "One report too many today" in response.content.decode()
    assert CorrectionRequest.objects.count() == 10


def test_report_error_on_a_draft_is_404(client, login_as):
    login_as("member")
    article = make_article()
    response = client.post(
        f"{article.get_absolute_url()}report/", {"message": "x" * 20}
    )
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_report_error_needs_csrf(login_as, drug_page):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(make_user("member"))
    response = csrf_client.post(
        f"{drug_page.get_absolute_url()}report/", {"message": "Missing token here."}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not CorrectionRequest.objects.exists()


def test_hostile_text_is_escaped_on_the_page(client):
    article = make_article(status="published")
    Article.objects.filter(pk=article.pk).update(
        title='Title "><img src=x onerror=alert(1)>',
        summary="<b>not bold</b>",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<img src=x" not in html
    assert "<b>not bold</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_expired_article_is_404_before_the_scheduler_runs(client):
    article = make_article(status="published")
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        publish_at=now - datetime.timedelta(days=2),
        expire_at=now - datetime.timedelta(seconds=1),
    )
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "path",
    [
        "/articles/a%00b/",
        "/articles/channel/a%00b/",
        "/topics/a%00b/",
        "/articles/a%00b/report/",
        "/articles/channel/x%00/feed/",
        "/articles/sp%20ace/",
        "/articles/preview/99999999999999999999999/",
    ],
)
def test_odd_addresses_are_404_not_500(client, login_as, path):
    login_as("editor")
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_odd_admin_filter_values_do_not_break_the_list(client, login_as):
    login_as("editor")
    response = client.get("/admin/articles/article/", {"reviewer": "x\x00y"})
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
