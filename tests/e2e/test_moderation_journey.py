"""A member reports a post, a moderator hides it with a reason, the author reads the
reason, the reporter reads the outcome; and the moderation and privacy pages pass
axe (no serious or critical violation) and the HTML checker."""

import re

import pytest
from playwright.sync_api import expect

from forum.models import Post, Report
from forum.services import hide_post, report_post, suspend_member
from tests.e2e.conftest import assert_accessible, html_errors, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import (
    accept_terms,
    make_board,
    make_post,
    make_thread,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
REASON = "Please disagree with ideas, not with people."


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def test_report_hide_with_a_reason_author_reads_it_reporter_sees_the_outcome(
    browser, server_url, tmp_path
):
    board = make_board(name="Lupus", slug="lupus")
    ines = make_user("member", email="ines@example.test", password=PASSWORD,
                     display_name="Ines")  # fmt: skip
    kofi = make_user("member", email="kofi@example.test", password=PASSWORD,
                     display_name="Kofi")  # fmt: skip
    make_user("moderator", email="mo@example.test", password=PASSWORD,
              display_name="Mo")  # fmt: skip
    for user in (ines, kofi):
        accept_terms(user)
    thread = make_thread(board=board, author=kofi, title="Fatigue after a flare")
    rude = make_post(thread, author=ines, body="Stop whining and get on with it.")

    # Kofi reports Ines's reply.
    reporter = browser.new_page()
    log_in(reporter, server_url, "kofi@example.test", PASSWORD)
    reporter.goto(server_url + thread.get_absolute_url())
    reporter.locator(f"#post-{rude.pk}").get_by_role(
        "link", name="Report the post by Ines"
    ).click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text(
        "Report or request deletion"
    )
    reporter.get_by_label("Abuse or harassment").check()
    reporter.get_by_label("Anything the moderators should know?").fill(
        "Belittling people who are exhausted."
    )
    reporter.get_by_role("button", name="Send the report").click()
    expect(reporter.locator(".messages")).to_contain_text("A moderator will review it")
    assert Report.objects.get().status == "open"

    # Mo sees the count in the header, opens the queue and hides the post.
    moderator = browser.new_page()
    log_in(moderator, server_url, "mo@example.test", PASSWORD)
    moderator.get_by_role("link", name=re.compile(r"Moderation 1 waiting")).click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    item = moderator.locator(".queue-item").filter(has_text="Stop whining")
    expect(item).to_contain_text("Belittling people who are exhausted.")
    expect(item).to_contain_text("Abuse or harassment")
    assert_accessible(moderator)
    assert html_errors(moderator.content(), tmp_path, "queue") == []
    item.get_by_role("combobox", name="Action").select_option("hide")
    item.get_by_role("textbox", name="Reason or message").fill(REASON)
    item.get_by_role("button", name="Apply").click()
    expect(moderator.locator(".messages")).to_contain_text("The post is hidden.")
    expect(moderator.locator("main")).to_contain_text("Nothing is waiting here")
    assert Post.objects.get(pk=rude.pk).status == "hidden"

    # The log shows who did what, and why.
    moderator.get_by_role("link", name="Read the moderation log").click()
    row = moderator.locator("tbody tr").first
    expect(row).to_contain_text("post.hide")
    expect(row).to_contain_text("Mo")
    expect(row).to_contain_text(REASON)
    assert_accessible(moderator)
    assert html_errors(moderator.content(), tmp_path, "log") == []

    # Ines reads the reason on her hidden post and in her notifications.
    author = browser.new_page()
    log_in(author, server_url, "ines@example.test", PASSWORD)
    author.goto(server_url + thread.get_absolute_url())
    hidden = author.locator(f"#post-{rude.pk}")
    expect(hidden).to_contain_text("Hidden by a moderator.")
    expect(hidden).to_contain_text(f"Reason: {REASON}")
    author.get_by_role("link", name=re.compile(r"Notifications 1 unread")).click()
    expect(author.locator(".notifications")).to_contain_text(
        "A moderator hid your post in “Fatigue after a flare”."
    )
    expect(author.locator(".notifications")).to_contain_text(REASON)

    # Kofi reads the outcome; others no longer see the post.
    reporter.goto(server_url + thread.get_absolute_url())
    expect(reporter.locator(f"#post-{rude.pk}")).to_have_count(0)
    reporter.get_by_role("link", name=re.compile(r"Notifications")).click()
    expect(reporter.locator(".notifications")).to_contain_text(
        "Your report about a post in “Fatigue after a flare”: a moderator hid the post."
    )
    reporter.get_by_role("link", name="Your reports").first.click()
    expect(reporter.locator("main")).to_contain_text("A moderator hid the post.")
    for page in (reporter, moderator, author):
        page.close()


def test_moderation_and_privacy_pages_are_accessible_and_valid(
    page, server_url, tmp_path
):
    board = make_board(name="Morphea", slug="morphea")
    make_board(name="Daily life", slug="daily-life")
    thread = make_thread(board=board, title="Creams that help", replies=3)
    moderator = make_user("moderator", email="mo@example.test", password=PASSWORD)
    reported = make_post(thread, body="Buy my balm, it cures everything.")
    for _ in range(3):
        report_post(reported, actor=make_user("member"), reason="spam")
    pending = make_post(thread, body="My first post, with a link https://example.org")
    Post.objects.filter(pk=pending.pk).update(status="pending", held_for="links")
    hide_post(make_post(thread), actor=moderator, reason="Off-topic")
    member = make_user("member", display_name="Loud")
    report_post(thread.first_post, actor=member, reason="off_topic", note="Hmm")
    from forum.services import report_member

    report_member(member, actor=make_user("member"), reason="abuse", note="Name")
    suspend_member(member, actor=moderator, days=3, reason="Cooling off")
    log_in(page, server_url, "mo@example.test", PASSWORD)
    pages = {
        "queue": "/forum/moderation/",
        "queue pending": "/forum/moderation/?show=pending",
        "queue profiles": "/forum/moderation/?show=members",
        "log": "/forum/moderation/log/",
        "log filtered": "/forum/moderation/log/?since=nonsense",
        "post review": f"/forum/moderation/p/{reported.pk}/",
        "moderator edit": f"/forum/moderation/p/{reported.pk}/edit/",
        "member record": f"/forum/moderation/members/{member.pk}/",
        "report form": f"/forum/p/{thread.first_post_id}/report/",
        "privacy": "/accounts/privacy/",
        "your reports": "/accounts/notifications/reports/",
    }
    for name, path in pages.items():
        page.goto(server_url + path)
        assert_accessible(page)
        assert html_errors(page.content(), tmp_path, name) == [], name
