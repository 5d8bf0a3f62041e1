"""A visitor searches from the header, filters, and opens a result."""

import pytest
from playwright.sync_api import expect

from tests.articles.factories import make_published
from tests.e2e.conftest import assert_accessible, axe_violations, html_errors
from tests.factories import restore_migration_data
from tests.forum.factories import make_post, make_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def test_search_from_the_header_and_open_a_result(page, server_url, tmp_path):
    make_published(
        title="Tacrolimus ointment: how to use it",
        body="Apply a thin layer of tacrolimus twice a day.",
    )
    thread = make_thread(title="Tacrolimus made my skin burn", body="Is this normal?")
    make_post(thread, body="The burning from tacrolimus faded after a week for me.")

    page.goto(server_url + "/about/")
    page.get_by_role("searchbox", name="Search articles and discussions").fill(
        "tacrolimus"
    )
    page.get_by_role("searchbox", name="Search articles and discussions").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Search articles and discussions"
    )
    expect(page.get_by_text("3 results for “tacrolimus”")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("tacrolimus", ignore_case=True)
    assert_accessible(page)
    assert html_errors(page.content(), tmp_path, "search results") == []

    page.get_by_label("Show").select_option("discussions")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page.get_by_text("2 results for “tacrolimus”")).to_be_visible()

    page.get_by_role("link", name="Tacrolimus made my skin burn").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tacrolimus made my skin burn"
    )


def test_odd_searches_give_clear_pages(page, server_url):
    for query, text in [
        ("?!", "Please type at least one word"),
        ("x" * 250, "at most 200 characters"),
        ("普特皮", "Nothing matches"),
    ]:
        page.goto(f"{server_url}/search/?q={query}")
        expect(page.get_by_role("status").first).to_contain_text(text)
    assert_accessible(page)


def test_the_search_page_has_two_distinctly_named_search_landmarks(page, server_url):
    make_published(title="Tacrolimus ointment", body="Apply a thin layer.")
    for size in (390, 1280):
        page.set_viewport_size({"width": size, "height": 900})
        page.goto(f"{server_url}/search/?q=tacrolimus")
        violations = axe_violations(
            page, impacts=("minor", "moderate", "serious", "critical")
        )
        assert "landmark-unique" not in [v["id"] for v in violations], violations
    expect(page.get_by_role("search", name="Site search")).to_have_count(1)
    expect(page.get_by_role("search", name="Search with filters")).to_have_count(1)
    page.goto(f"{server_url}/zh-hant/search/?q=tacrolimus")
    expect(page.get_by_role("search", name="全站搜尋")).to_have_count(1)
    expect(page.get_by_role("search", name="篩選搜尋")).to_have_count(1)
