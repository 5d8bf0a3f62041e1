"""A messages B from B's profile, B replies, B blocks A, A can no longer write;
B reports A's earlier message and a moderator handles it from the reported-messages
queue (opens the report, reads the context with a reason, hides the message, warns
A); the inbox, conversation and report pages pass axe and the HTML checker."""

import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from conversations.models import Message, MessageImage, MessageReport
from core.models import AuditEntry
from members.models import Block
from tests.e2e.conftest import assert_accessible, html_errors, log_in, prove_it_is_you
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
    expect(a.get_by_label(re.compile(r"^To:?$"))).to_have_value("Ben")
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
    # The start page says so before anything is typed, and refuses on sending.
    expect(a.locator("p.notice")).to_have_text("You can't write to Ben.")
    a.get_by_label("Your message").fill("Are you there?")
    a.get_by_role("button", name="Send", exact=True).click()
    # Said at the top (the error summary, a link to the field) and at the field.
    expect(a.locator(".error-summary a[href='#id_to']")).to_have_text(
        "You can't write to Ben."
    )
    expect(a.locator("#id_to_error")).to_have_text("You can't write to Ben.")
    assert Message.objects.filter(author=ada).count() == 1

    # B reports Ada's first message; it goes to the moderators with its context.
    b.goto(f"{server_url}{Message.objects.get(author=ada).get_absolute_url()}")
    b.get_by_role("link", name="Report this message").click()
    b.get_by_label("What is wrong with this message?").fill(
        "She keeps asking about my clinic after I said no."
    )
    b.get_by_role("button", name="Send the report").click()
    expect(b.get_by_text("A moderator will look at this message.")).to_be_visible()
    assert MessageReport.objects.get().message.author == ada

    mod = make_user("moderator", email="mod@example.test", password=PASSWORD,
                    display_name="Mo")  # fmt: skip
    m = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(m, server_url, "mod@example.test", PASSWORD)
    m.get_by_text("Menu").click()
    m.get_by_role("link", name="Reported messages").click()
    assert_accessible(m)
    m.get_by_role("link", name="Message by Ada").click()
    expect(m.locator(".reported .post-body")).to_contain_text("how was the clinic?")
    # Before a reading with a reason, the reported message alone.
    expect(m.locator(".private-message")).to_have_count(1)
    assert (
        m.get_by_label("Why do you need to read this conversation?").bounding_box()[
            "height"
        ]
        >= 44
    )
    m.screenshot(path=str(tmp_path / "report-390.png"), full_page=True)
    m.get_by_label("Why do you need to read this conversation?").fill(
        "Checking whether this is harassment"
    )
    m.get_by_role("button", name="Read the conversation").click()
    prove_it_is_you(m, PASSWORD)
    expect(m.get_by_text("Your reading is recorded in the audit log.")).to_be_visible()
    whole = m.get_by_role("region", name="The whole conversation")
    expect(whole.locator(".private-message")).to_have_count(2)
    expect(whole.locator(".private-message").nth(1)).to_contain_text("Fine, thanks!")
    assert AuditEntry.objects.filter(action="conversation.read", actor=mod).exists()
    assert_accessible(m)
    assert html_errors(m.content(), tmp_path, "report") == []
    m.get_by_label("Reason (the author sees it)").fill("Unwanted personal questions")
    m.get_by_role("button", name="Hide the message").click()
    expect(
        m.get_by_text("The message is hidden and the report closed.")
    ).to_be_visible()
    assert Message.objects.get(author=ada).status == Message.Status.HIDDEN

    m.get_by_role("link", name="Moderation record: warn, suspend or ban").click()
    m.get_by_label("Action").select_option(
        label="Warn the member (they read your message)"
    )
    m.get_by_label("Reason or message").fill(
        "Please respect a member's no in private messages."
    )
    m.get_by_role("button", name="Apply").click()
    expect(m.get_by_text("Ada is warned")).to_be_visible()
    assert AuditEntry.objects.filter(action="member.warn", actor=mod).exists()

    # Ben sees the message hidden; Ada sees why.
    b.reload()
    expect(b.get_by_text("This message was hidden by a moderator.")).to_be_visible()
    a.goto(f"{server_url}{Message.objects.get(author=ada).get_absolute_url()}")
    expect(a.get_by_text("Unwanted personal questions")).to_be_visible()


def _jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (60, 40), "orange").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_a_photo_in_a_message_on_a_phone(browser, server_url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    alt = "Red patch on the back of my hand"
    make_user("member", email="ada@example.test", password=PASSWORD,
              display_name="Ada", post_count=10)  # fmt: skip
    ben = make_user("member", email="ben@example.test", password=PASSWORD,
                    display_name="Ben", post_count=10)  # fmt: skip
    phone = {"width": 390, "height": 844}
    a = browser.new_context(viewport=phone).new_page()
    log_in(a, server_url, "ada@example.test", PASSWORD)
    a.goto(f"{server_url}/messages/new/?to={ben.pk}")
    a.get_by_label("Your message").fill("Does yours look like this?")
    a.get_by_text("Add photos (up to 4)").click()
    slot = a.get_by_role("group", name="Photo 1")
    slot.get_by_label("Photo 1").set_input_files(
        {"name": "hand.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    )
    slot.get_by_label("What the photo shows").fill(alt)
    assert_accessible(a)
    a.get_by_role("button", name="Send", exact=True).click()
    expect(a.get_by_text("Your message is sent.")).to_be_visible()
    photo = MessageImage.objects.get()
    conversation_url = photo.message.conversation.get_absolute_url()

    b = browser.new_context(viewport=phone).new_page()
    log_in(b, server_url, "ben@example.test", PASSWORD)
    b.goto(f"{server_url}{conversation_url}")
    image = b.get_by_role("img", name=alt)
    expect(image).to_be_hidden()  # folded until asked for
    b.locator(".sensitive-photo summary").click()
    expect(image).to_be_visible()
    assert (
        b.evaluate("() => document.querySelector('.sensitive-photo img').naturalWidth")
        > 0
    )
    assert_accessible(b)

    # Someone outside the conversation gets nothing.
    make_user("member", email="cy@example.test", password=PASSWORD, post_count=10)
    c = browser.new_context(viewport=phone).new_page()
    log_in(c, server_url, "cy@example.test", PASSWORD)
    response = c.goto(f"{server_url}/messages/photos/{photo.pk}/")
    assert response.status == 404
