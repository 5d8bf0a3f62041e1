"""Comfort settings in a real browser on a 390 px phone: chosen through the plain
form with JavaScript off, then the home page, a thread, the comfort page and a
member's settings page at the largest text (with and without wide spacing and
stronger contrast), in English and in Chinese: nothing scrolls sideways, axe finds
nothing serious, and print keeps the larger text.

Screenshots of each go to artifacts/screenshots/comfort-*.png (gitignored)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core import comfort
from tests.e2e.conftest import ROOT, assert_accessible, log_in
from tests.factories import PASSWORD, make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("LAYOUT_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
SETTINGS = {
    "largest": "text-largest",
    "largest-wide-contrast": "text-largest.spacing-wide.motion-reduce.contrast-more",
}


@pytest.fixture
def thread_path(db):
    restore_migration_data()
    board = make_board(name="Systemic sclerosis and Raynaud's phenomenon", slug="ssc")
    author = make_user("member", display_name="Bartholomew Featherstonehaugh")
    accept_terms(author)
    thread = make_thread(
        board=board,
        author=author,
        title="Hydroxychloroquine, methotrexate and mycophenolate mofetil: "
        "what did your rheumatologist say about eye checks?",
        replies=3,
    )
    make_post(thread, author=author, body="Thank you all, this helps a lot.")
    return thread.get_absolute_url()


# What sticks out past the screen's right edge (to say what to fix).
WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 8)
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${
    Math.round(e.getBoundingClientRect().right)}`)"""


def fits_and_is_accessible(page, url: str, shot: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"comfort-{shot}.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDE_ELEMENTS) if width > PHONE["width"] else []
    assert width <= PHONE["width"], (url, width, wide)
    assert_accessible(page)


def test_a_visitor_chooses_the_largest_text_without_javascript(browser, server_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server_url + "/")
    normal = page.evaluate("getComputedStyle(document.body).fontSize")
    page.get_by_role("link", name="Text size and contrast").click()
    page.get_by_label("Largest").check()
    page.get_by_label("Wide").check()
    page.get_by_label("Stronger contrast").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: pages now look like this.")).to_be_visible()
    expect(page.get_by_label("Largest")).to_be_checked()
    page.goto(server_url + "/")
    classes = page.evaluate("document.documentElement.className")
    assert classes == "text-largest spacing-wide contrast-more"
    larger = page.evaluate("getComputedStyle(document.body).fontSize")
    assert float(larger.removesuffix("px")) == 1.5 * float(normal.removesuffix("px"))
    muted = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--muted')"
    )
    ink = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--ink')"
    )
    assert muted.strip() == ink.strip()  # secondary text as dark as the body text
    context.close()


@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_pages_at_the_largest_text_fit_a_phone_and_pass_axe(
    browser, server_url, thread_path, setting
):
    context = browser.new_context(viewport=PHONE)
    context.add_cookies(
        [{"name": comfort.COOKIE_NAME, "value": SETTINGS[setting], "url": server_url}]
    )
    page = context.new_page()
    for prefix, language in (("", "en"), ("/zh-hant", "zh")):
        for name, path in (
            ("home", "/"),
            ("thread", thread_path),
            ("comfort", "/comfort/"),
            ("forum", "/forum/"),
        ):
            fits_and_is_accessible(
                page, server_url + prefix + path, f"{setting}-{name}-{language}"
            )
            assert page.evaluate("document.documentElement.className") == (
                SETTINGS[setting].replace(".", " ")
            )
    context.close()


@pytest.mark.parametrize("more_contrast", [False, True])
def test_a_members_settings_page_at_the_largest_text_fits_a_phone(
    browser, server_url, more_contrast
):
    restore_migration_data()
    make_user(
        "member",
        email="rowan@example.test",
        display_name="Rowan",
        text_size="largest",
        more_contrast=more_contrast,
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, server_url, "rowan@example.test", PASSWORD)
    suffix = "contrast" if more_contrast else "plain"
    for prefix, language in (("", "en"), ("/zh-hant", "zh")):
        fits_and_is_accessible(
            page,
            f"{server_url}{prefix}/accounts/profile/",
            f"settings-{suffix}-{language}",
        )
        assert "text-largest" in page.evaluate("document.documentElement.className")
    # The menu, open, fits too.
    page.get_by_text("選單", exact=True).click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    context.close()


def test_print_keeps_the_larger_text_and_the_wider_lines(browser, server_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(server_url + "/about/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    normal_leading = page.evaluate(
        "parseFloat(getComputedStyle(document.body).lineHeight)"
    )
    context.add_cookies(
        [
            {
                "name": comfort.COOKIE_NAME,
                "value": "text-largest.spacing-wide",
                "url": server_url,
            }
        ]
    )
    page.goto(server_url + "/about/")
    largest = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    leading = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    assert largest == pytest.approx(normal * 1.5, rel=0.01)
    assert leading / largest > normal_leading / normal
    context.close()


@pytest.mark.parametrize(
    "value",
    ["text-large", "text-larger", "spacing-wide", "motion-reduce", "contrast-more"],
)
def test_every_other_setting_fits_a_phone_and_passes_axe(
    browser, server_url, thread_path, value
):
    context = browser.new_context(viewport=PHONE)
    context.add_cookies(
        [{"name": comfort.COOKIE_NAME, "value": value, "url": server_url}]
    )
    page = context.new_page()
    for name, path in (("home", "/"), ("thread", thread_path)):
        fits_and_is_accessible(page, server_url + path, f"{value}-{name}")
        assert page.evaluate("document.documentElement.className") == value
    context.close()
