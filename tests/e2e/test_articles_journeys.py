"""The library in a real browser: an editor's draft goes through review to the site,
a reader follows a channel to an article and on to a referring page, and every
library page passes axe (no serious or critical violation) and the HTML checker."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import make_article, make_channel, make_topic
from tests.e2e.conftest import assert_accessible, html_errors, log_in
from tests.factories import make_user, restore_migration_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    """Transactional tests flush every table, including what the data migrations
    wrote (role permissions, first disclaimers): put it back."""
    restore_migration_data()


def test_editor_drafts_reviewer_signs_off_editor_publishes(page, browser, server_url):
    channel = make_channel("Conditions", slug="conditions")
    make_topic("Morphea", slug="morphea")
    make_user(
        "editor", email="eddie@example.test", password=PASSWORD, display_name="Eddie"
    )
    make_user(
        "professional",
        email="ada@example.test",
        password=PASSWORD,
        display_name="Dr Ada",
        specialty="Dermatology",
    )

    # The editor writes a draft in the admin and submits it for review.
    log_in(page, server_url, "eddie@example.test", PASSWORD)
    page.goto(f"{server_url}/admin/articles/article/add/")
    page.get_by_role("link", name="Guide").click()
    page.get_by_label("Title:", exact=True).fill("Morphea in children")
    page.get_by_label("Channel:").select_option(str(channel.pk))
    page.get_by_label("Morphea").check()
    page.get_by_label("Summary:").fill("How morphea shows itself in children.")
    page.get_by_label("Article text:").fill(
        "## Linear morphea\n\nIt can affect *growth*."
    )
    page.get_by_label("Title (1)").fill("Juvenile localized scleroderma study")
    page.get_by_label("Year (1)").fill("2011")
    page.get_by_role("button", name="Save and keep editing").click()
    expect(page.locator(".messagelist")).to_contain_text("Saved as revision 1")
    article = Article.objects.get()
    assert article.references.get().year == 2011
    page.get_by_role("button", name="Submit for review", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "must sign off the latest revision"
    )
    assert page.request.get(f"{server_url}/articles/morphea-in-children/").status == 404

    # The reviewer reads the preview and signs off that revision.
    reviewer = browser.new_page()
    log_in(reviewer, server_url, "ada@example.test", PASSWORD)
    reviewer.goto(f"{server_url}/admin/articles/article/")
    reviewer.get_by_role(
        "link", name="1 article is waiting for a reviewer's sign-off."
    ).click()
    reviewer.get_by_role("link", name="Morphea in children").click()
    expect(reviewer.get_by_role("heading", level=1)).to_contain_text("Review")
    reviewer.get_by_role("link", name="Read it as readers will see it").click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Morphea in children")
    expect(reviewer.locator(".preview-notice")).to_contain_text("Preview of revision 1")
    reviewer.go_back()
    reviewer.get_by_label("Note for the editors (optional):").fill("Accurate.")
    reviewer.get_by_role("button", name="Sign off revision 1").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("Signed off revision 1")

    # The editor publishes; readers see the page with its review line.
    page.reload()
    expect(page.locator(".workflow-panel")).to_contain_text("signed off by Dr Ada")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    page.get_by_role("link", name="View the live page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Morphea in children")
    expect(page.locator(".review-line")).to_contain_text(
        "Medically reviewed by Dr Ada, Dermatology on"
    )
    expect(page.locator(".article-body em")).to_have_text("growth")
    assert_accessible(page)


def test_editing_a_live_page_waits_for_a_new_sign_off(page, server_url):
    editor = make_user(
        "editor", email="eddie@example.test", password=PASSWORD, display_name="Eddie"
    )
    article = make_article(
        status="published", kind="guide", title="Living with LS", editor=editor
    )
    log_in(page, server_url, "eddie@example.test", PASSWORD)
    page.goto(f"{server_url}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Title:", exact=True).fill("Living with lichen sclerosus")
    page.get_by_role("button", name="Save and keep editing").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Readers still see the published version"
    )
    expect(page.locator(".workflow-panel")).to_contain_text(
        "Needed: nobody has signed off the latest revision."
    )
    page.goto(server_url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Living with LS")

    # History: compare the two revisions and restore the first.
    page.goto(f"{server_url}/admin/articles/article/{article.pk}/history/")
    page.get_by_role("button", name="Compare the chosen revisions").click()
    expect(page.locator(".diff-text ins").first).to_contain_text("lichen sclerosus")
    page.get_by_role("link", name="Back to all revisions").click()
    page.get_by_role("button", name="Restore revision 1 as a draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Revision 1 restored")
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Living with LS")


@pytest.fixture
def library(db):
    drugs = make_channel("Drugs", slug="drugs")
    cni = make_channel("Topical calcineurin inhibitors", slug="cni", parent=drugs)
    conditions = make_channel("Conditions", slug="conditions")
    drugs.related_channels.add(conditions)
    topic = make_topic("Tacrolimus", slug="tacrolimus")
    target = make_article(
        status="published",
        kind="drug",
        title="Tacrolimus ointment",
        slug="tacrolimus-ointment",
        summary="A steroid-free ointment.",
        channel=cni,
        illustration="fingertip-unit",
        topics=[topic],
        references=[
            {"title": "Tacrolimus in morphea", "year": 2009, "doi": "10.2165/x"},
            {
                "title": "A guideline",
                "source": "A journal",
                "url": "https://example.org/",
            },
        ],
        drug={
            "brand_names": "Protopic",
            "indications": "Morphea and lichen sclerosus.",
            "dosing": "Twice a day.",
            "adverse_reactions": "- Burning\n- Itching",
            "monitoring": "Skin checks.",
        },
    )
    referrer = make_article(
        status="published",
        kind="guide",
        title="Lichen sclerosus explained",
        slug="lichen-sclerosus",
        summary="A chronic skin condition.",
        channel=conditions,
        topics=[topic],
        body="Specialists may suggest [tacrolimus](/articles/tacrolimus-ointment/).",
    )
    return {"drugs": drugs, "topic": topic, "target": target, "referrer": referrer}


def test_reader_goes_from_a_channel_to_an_article_to_a_referring_page(
    page, server_url, library
):
    page.goto(f"{server_url}/articles/")
    page.get_by_role("navigation", name="Channels").get_by_role(
        "link", name="Drugs", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drugs")
    expect(page.get_by_role("navigation", name="Channels nearby")).to_contain_text(
        "Conditions"
    )
    page.get_by_role("link", name="Tacrolimus ointment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tacrolimus ointment")
    # A drug page shows the channels around its own.
    expect(
        page.get_by_role("navigation", name=re.compile("^More around"))
    ).to_contain_text("Conditions")
    # Each section heading carries a link to itself.
    page.get_by_role("link", name="Link to the section “Usual dosing”").click()
    assert page.evaluate("location.hash") == "#dosing"
    toc = page.get_by_role("navigation", name="On this page")
    expect(toc.get_by_role("listitem")).to_have_text(
        [
            "Overview",
            "Brand names",
            "Main indications",
            "Usual dosing",
            "Adverse reactions",
            "Monitoring",
            "References",
        ]
    )
    toc.get_by_role("link", name="Usual dosing").click()
    assert page.evaluate("location.hash") == "#dosing"
    referring = page.locator(
        "section", has=page.get_by_role("heading", name="Referring pages")
    )
    referring.get_by_role("link", name="Lichen sclerosus explained").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lichen sclerosus explained"
    )
    page.get_by_role("link", name="tacrolimus", exact=True).click()
    expect(page).to_have_url(re.compile(r"/articles/tacrolimus-ointment/$"))


def test_copy_link_button_copies_the_address(page, server_url, library, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(server_url + library["target"].get_absolute_url())
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#share-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/articles/tacrolimus-ointment/"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/articles/",
        "/articles/channel/drugs/",
        "/articles/channel/cni/",
        "/topics/tacrolimus/",
        "/articles/tacrolimus-ointment/",
        "/articles/lichen-sclerosus/",
        "/",
    ],
)
def test_library_pages_are_accessible_and_valid(
    page, server_url, library, path, tmp_path
):
    page.goto(server_url + path)
    assert_accessible(page)
    assert html_errors(page.content(), tmp_path, path) == []


def test_report_error_and_preview_pages_are_accessible_and_valid(
    page, server_url, library, tmp_path
):
    make_user("editor", email="eddie@example.test", password=PASSWORD)
    log_in(page, server_url, "eddie@example.test", PASSWORD)
    for path in (
        f"{library['target'].get_absolute_url()}report/",
        library["target"].latest_revision.get_preview_url(),
    ):
        page.goto(server_url + path)
        assert_accessible(page)
        assert html_errors(page.content(), tmp_path, path) == []


def test_pages_fit_a_small_screen(page, server_url, library):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in (
        "/articles/",
        "/articles/tacrolimus-ointment/",
        "/articles/channel/drugs/",
        "/articles/channel/cni/",
    ):
        page.goto(server_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)


def test_a_printed_article_has_no_hash_after_its_headings(page, server_url, tmp_path):
    article = make_article(
        status="published",
        title="Looking after your hands",
        body="Intro.\n\n## Warm water\n\nSoak them.\n\n### At night\n\nGloves help.",
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server_url + article.get_absolute_url())
    anchors = page.locator(".article-body .heading-anchor")
    expect(anchors).to_have_count(2)
    expect(anchors.first).to_be_visible()  # on screen: the "#" link to the section

    page.emulate_media(media="print")
    for index in range(2):
        expect(anchors.nth(index)).to_be_hidden()
    headings = page.locator(".article-body h2, .article-body h3")
    assert headings.all_inner_texts() == ["Warm water", "At night"]
    page.screenshot(path=tmp_path / "article-print.png", full_page=True)
