"""The article editor in a real browser: nothing wider than the screen on a phone
or at 1280 px (the reference cards wrap), axe clean, and folded fieldsets open
without JavaScript."""

import os

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import make_article, make_channel, make_topic
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_user, restore_migration_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
# Elements that stick out past the right edge of the viewport (for the message).
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(0, 8)
    .map(el => el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className);
}"""


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    restore_migration_data()


@pytest.fixture
def drug_page(transactional_db):
    make_user("editor", email="eddie@example.test", password=PASSWORD)
    channel = make_channel("Immunosuppressants")
    for name in ("Morphea", "Lichen sclerosus", "Systemic sclerosis", "Lupus"):
        make_topic(name)
    return make_article(
        kind=Article.Kind.DRUG,
        channel=channel,
        references=[
            {
                "title": "Methotrexate in juvenile localized scleroderma: a trial",
                "source": "Arthritis and Rheumatism",
                "year": 2011,
                "doi": "10.1002/art.30293",
                "pmid": "21360500",
                "url": "https://example.org/a-very-long-address/for-the-reference",
            }
        ],
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_editor_fits_the_screen(page, server_url, drug_page, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, server_url, "eddie@example.test", PASSWORD)
    for name, path in (
        ("choose", "/admin/articles/article/add/"),
        ("add", "/admin/articles/article/add/?kind=drug"),
        ("change", f"/admin/articles/article/{drug_page.pk}/change/"),
    ):
        page.goto(server_url + path)
        expect(page.locator("#content-main")).to_be_visible()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (
            path,
            scroll_width,
            page.evaluate(WIDER_THAN_SCREEN),
        )
        assert_accessible(page)
        if shots := os.environ.get("EDITOR_SCREENSHOTS"):
            page.screenshot(path=f"{shots}/editor-{name}-{width}.png", full_page=True)


def test_folded_fieldsets_open_and_the_workflow_sits_by_save(
    page, server_url, drug_page
):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, server_url, "eddie@example.test", PASSWORD)
    page.goto(f"{server_url}/admin/articles/article/{drug_page.pk}/change/")
    # References hold a row, so they start open; the hero image starts folded.
    expect(page.get_by_label("DOI (1)")).to_be_visible()
    expect(page.get_by_label("Image description (alt text):")).to_be_hidden()
    page.get_by_text("Hero image", exact=True).click()
    expect(page.get_by_label("Image description (alt text):")).to_be_visible()
    save_row = page.locator(".submit-row")
    expect(
        save_row.get_by_role("button", name="Save and submit for review")
    ).to_be_visible()
    save_row.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
