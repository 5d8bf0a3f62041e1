"""A messages B from B's profile, B replies, B blocks A, A can no longer write;
the inbox and conversation pages pass axe and the HTML checker."""

import pytest
from playwright.sync_api import expect

from conversations.models import Message
from members.models import Block
from tests.e2e.conftest import assert_accessible, html_errors, log_in
from tests.factories import make_user, restore_migration_data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def test_message_reply_block_and_no_more_writing(browser, server_url, tmp_path):
    ada = make_user("member", email="ada@example.test", password=PASSWORD,
                    display_name="Ada", post_count=10)  # fmt: skip
    ben = make_user("member", email="ben@example.test", password=PASSWORD,
                    display_name="Ben", post_count=10)  # fmt: skip
    a = browser.new_context().new_page()
    log_in(a, server_url, "ada@example.test", PASSWORD)
    a.goto(f"{server_url}{ben.profile.get_absolute_url()}")
    a.get_by_role("link", name="Send a message").click()
    expect(a.get_by_label("To")).to_have_value("Ben")
    a.get_by_label("Your message").fill("Hello **Ben**, how was the clinic?")
    a.get_by_role("button", name="Preview").click()
    expect(a.locator(".preview strong")).to_have_text("Ben")
    a.get_by_role("button", name="Send", exact=True).click()
    expect(a.locator(".private-message").first).to_contain_text("how was the clinic?")

    b = browser.new_context().new_page()
    log_in(b, server_url, "ben@example.test", PASSWORD)
    expect(b.get_by_role("link", name="Messages 1 unread")).to_be_visible()
    b.get_by_role("link", name="Messages 1 unread").click()
    assert_accessible(b)
    assert html_errors(b.content(), tmp_path, "inbox") == []
    b.get_by_role("link", name="Conversation with Ada").click()
    b.get_by_label("Your message").fill("Fine, thanks!")
    b.get_by_role("button", name="Send", exact=True).click()
    expect(b.locator(".private-message").nth(1)).to_contain_text("Fine, thanks!")
    assert_accessible(b)
    assert html_errors(b.content(), tmp_path, "conversation") == []

    b.goto(f"{server_url}{ada.profile.get_absolute_url()}")
    b.get_by_role("button", name="Block this member").click()
    expect(b.get_by_text("You blocked this member.")).to_be_visible()
    assert Block.objects.filter(blocker=ben, blocked=ada).exists()

    a.reload()
    expect(
        a.get_by_text("You can't write in this conversation any more.")
    ).to_be_visible()
    expect(a.get_by_label("Your message")).to_have_count(0)
    a.goto(f"{server_url}{ben.profile.get_absolute_url()}")
    expect(a.get_by_role("link", name="Send a message")).to_have_count(1)
    a.get_by_role("link", name="Send a message").click()
    a.get_by_label("Your message").fill("Are you there?")
    a.get_by_role("button", name="Send", exact=True).click()
    expect(a.get_by_text("You can't write to Ben.")).to_be_visible()
    assert Message.objects.filter(author=ada).count() == 1
