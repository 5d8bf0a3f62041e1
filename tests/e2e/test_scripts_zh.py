"""What the site's scripts write on a Chinese page is Chinese: the like count a like
updates in place, and the draft's saved time."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
ZH = "zh-hant"


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def zh(text: str) -> str:
    with translation.override(ZH):
        return gettext(text)


@pytest.fixture
def member_on_a_chinese_thread(page, server_url):
    author = make_user("member", display_name="美華")
    thread = make_thread(author=author, title="冬天皮膚會比較緊嗎？", likes=2)
    member = make_user("member", email="kofi@example.test", password=PASSWORD)
    accept_terms(member)
    log_in(page, server_url, "kofi@example.test", PASSWORD)
    with translation.override(ZH):
        page.goto(server_url + thread.get_absolute_url())
    assert "/zh-hant/" in page.url
    return thread


def test_a_like_on_a_chinese_page_counts_in_chinese(page, member_on_a_chinese_thread):
    thread = member_on_a_chinese_thread
    opening = page.locator(f"#post-{thread.first_post_id}")
    count = opening.locator("[data-like-count]")
    expect(count).to_have_text("2 個讚")
    page.evaluate("window.stillThisPage = true")  # a reload would forget it
    opening.locator("[data-like-button]").click()
    expect(opening.locator("[data-like-button]")).to_contain_text(zh("Unlike"))
    expect(count).to_have_text("3 個讚")
    assert page.evaluate("window.stillThisPage === true"), "updated by the script"


def test_the_drafts_saved_time_is_the_pages_not_the_browsers(browser, server_url):
    """An English browser (en-US would write "01:12 AM") on a Chinese page."""
    page = browser.new_context(locale="en-US").new_page()
    thread = make_thread(title="冬天皮膚會比較緊嗎？")
    member = make_user("member", email="mei@example.test", password=PASSWORD)
    accept_terms(member)
    log_in(page, server_url, "mei@example.test", PASSWORD)
    with translation.override(ZH):
        page.goto(server_url + thread.get_absolute_url())
    page.locator("form.composer textarea[name=body]").press_sequentially("我也是")
    status = page.locator("form.composer [data-draft-status]")
    expect(status).to_have_text(
        re.compile(r"^草稿已於 \d\d:\d\d 儲存。$"), timeout=15000
    )
    assert not re.search(r"AM|PM", status.inner_text())
    page.context.close()
