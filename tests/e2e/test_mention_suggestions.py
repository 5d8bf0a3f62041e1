"""@mention suggestions while typing, at phone width: keyboard, touch-sized options,
no blocked member offered, the chosen name inserted as the parser reads it, axe
clean with the list open; without JavaScript the composer is a plain textarea."""

import pytest
from playwright.sync_api import expect

from conversations.models import Message
from forum.models import Notification, Post
from members.models import Block
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def _members():
    ada = make_user("member", email="ada@example.test", password=PASSWORD,
                    display_name="Ada", post_count=10)  # fmt: skip
    rosa = make_user("member", display_name="Rosa Park", post_count=10)
    make_user("member", display_name="Rosalind Ash", post_count=10)
    blocked = make_user("member", display_name="Rosco Blocked", post_count=10)
    Block.objects.create(blocker=blocked, blocked=ada)
    return ada, rosa


def test_typing_at_and_letters_offers_members_to_mention(browser, server_url):
    ada, rosa = _members()
    page = browser.new_context(viewport=PHONE).new_page()
    log_in(page, server_url, "ada@example.test", PASSWORD)
    page.goto(f"{server_url}/messages/new/?to={rosa.pk}")
    body = page.get_by_label("Your message")
    body.click()
    body.press_sequentially("Thank you @ro", delay=30)

    listbox = page.get_by_role("listbox", name="Members you can mention")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_text(["Rosa Park", "Rosalind Ash"])  # not the blocker
    expect(body).to_have_attribute("aria-controls", listbox.get_attribute("id"))
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(page.locator("[role=status]").filter(has_text="members found")).to_have_text(
        "2 members found: use the up and down arrows, then Enter."
    )
    box = options.first.bounding_box()
    assert box["height"] >= 44
    assert listbox.bounding_box()["width"] <= PHONE["width"]
    assert_accessible(page)

    body.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(body).to_have_attribute(
        "aria-activedescendant", options.nth(1).get_attribute("id")
    )
    body.press("ArrowUp")
    body.press("Enter")
    expect(listbox).to_be_hidden()
    expect(body).to_have_value("Thank you @Rosa Park ")
    expect(page.get_by_text("Mentioned Rosa Park.")).to_be_attached()

    # Escape closes the list and leaves the text alone.
    body.press_sequentially("and @rosa", delay=30)
    expect(listbox).to_be_visible()
    body.press("Escape")
    expect(listbox).to_be_hidden()
    expect(body).to_have_value("Thank you @Rosa Park and @rosa")

    # A tap on a name inserts it too.
    body.press_sequentially("l", delay=30)
    listbox.get_by_role("option", name="Rosalind Ash").click()
    expect(body).to_have_value("Thank you @Rosa Park and @Rosalind Ash ")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".private-message").first).to_contain_text("@Rosalind Ash")
    assert Message.objects.get(author=ada).body == (
        "Thank you @Rosa Park and @Rosalind Ash"
    )


def test_without_javascript_the_composer_is_plain_text(browser, server_url):
    _members()
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    log_in(page, server_url, "ada@example.test", PASSWORD)
    page.goto(f"{server_url}/messages/new/")
    body = page.get_by_label("Your message")
    body.fill("Thank you @ro")
    expect(page.get_by_role("listbox")).to_have_count(0)
    expect(body).to_have_value("Thank you @ro")


def test_the_forum_reply_composer_offers_mentions_too(browser, server_url):
    ada, _rosa = _members()
    accept_terms(ada)
    thread = make_thread(author=ada)
    page = browser.new_context(viewport=PHONE).new_page()
    log_in(page, server_url, "ada@example.test", PASSWORD)
    page.goto(f"{server_url}{thread.get_absolute_url()}")
    body = page.locator("form.composer textarea[name=body]")
    body.click()
    body.press_sequentially("Ask @rosa p", delay=30)
    listbox = page.get_by_role("listbox", name="Members you can mention")
    expect(listbox.get_by_role("option")).to_have_text(["Rosa Park"])
    body.press("Enter")
    expect(body).to_have_value("Ask @Rosa Park ")
    assert_accessible(page)


@pytest.mark.parametrize("name", ["Helen (demo)", "美華（示範）"])
def test_a_name_with_brackets_chosen_from_the_list_links_and_notifies(
    browser, server_url, name
):
    ada, _rosa = _members()
    accept_terms(ada)
    helen = make_user("member", display_name=name, post_count=10)
    thread = make_thread(author=helen)  # Helen follows the thread she started
    page = browser.new_context(viewport=PHONE).new_page()
    log_in(page, server_url, "ada@example.test", PASSWORD)
    page.goto(f"{server_url}{thread.get_absolute_url()}")
    body = page.locator("form.composer textarea[name=body]")
    body.click()
    body.press_sequentially(f"Thanks @{name[:2]}", delay=30)
    listbox = page.get_by_role("listbox", name="Members you can mention")
    expect(listbox.get_by_role("option")).to_have_text([name])
    body.press("Enter")
    expect(body).to_have_value(f"Thanks @{name} ")
    body.press_sequentially("for the tip.", delay=10)
    page.get_by_role("button", name="Post reply", exact=True).click()
    link = page.get_by_role("link", name=f"@{name}", exact=True)
    expect(link).to_have_attribute("href", helen.profile.get_absolute_url())
    post = Post.objects.get(author=ada)
    assert list(
        Notification.objects.filter(recipient=helen, post=post).values_list(
            "kind", flat=True
        )
    ) == [Notification.Kind.MENTION]
