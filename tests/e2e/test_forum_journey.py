"""Two members in the forum: accept the guidelines, start a thread, reply to a reply,
like, and see the notification; and every forum page passes axe and the HTML checker."""

import re

import pytest
from playwright.sync_api import expect

from forum.models import Board, PostLike
from forum.services import create_reply, screening_skipped
from tests.e2e.conftest import assert_accessible, html_errors, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import (
    accept_terms,
    make_board,
    make_post,
    make_thread,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


PASSWORD = "a-long-pass-phrase-42"


def test_acknowledge_start_reply_to_a_reply_like_and_get_notified(
    page, browser, server_url
):
    board = make_board(name="Morphea", slug="morphea")
    make_user(
        "member", email="ines@example.test", password=PASSWORD, display_name="Ines"
    )
    make_user(
        "member", email="kofi@example.test", password=PASSWORD, display_name="Kofi"
    )
    third = make_user("member", display_name="Lena")
    accept_terms(third)

    # Ines starts a thread, accepting the guidelines first.
    log_in(page, server_url, "ines@example.test", PASSWORD)
    page.goto(f"{server_url}/forum/")
    page.get_by_role("link", name="Morphea").first.click()
    page.get_by_role("link", name="Start a new thread").click()
    expect(page.get_by_role("group", name="Before you post")).to_contain_text(
        "Community guidelines"
    )
    page.get_by_label("Title").fill("Does the tightness ease in winter?")
    page.get_by_label("Your post").fill("My plaques feel *tighter* when it is cold.")
    page.get_by_role("button", name="Post thread").click()
    expect(page.locator(".errorlist")).to_contain_text("Please confirm")
    page.get_by_label("I have read and accept").check()
    expect(page.get_by_label("Your post")).to_have_value(
        "My plaques feel *tighter* when it is cold."
    )
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Does the tightness ease in winter?"
    )
    expect(page.locator(".post-body em")).to_have_text("tighter")
    thread = board.threads.get()
    lena_reply = create_reply(thread, actor=third, body="Mine ease in summer.")

    # Kofi replies to Lena's reply, then likes Ines's opening post.
    kofi = browser.new_page()
    log_in(kofi, server_url, "kofi@example.test", PASSWORD)
    kofi.goto(server_url + thread.get_absolute_url())
    kofi.get_by_role("link", name="Reply to Lena").click()
    expect(kofi.get_by_role("heading", level=1)).to_have_text("Reply to Lena")
    kofi.get_by_label("Your reply").fill("Same here, **warm gloves** help.")
    kofi.get_by_role("button", name="Preview").click()
    expect(kofi.locator(".preview strong")).to_have_text("warm gloves")
    kofi.get_by_label("I have read and accept").check()
    kofi.get_by_role("button", name="Post reply").click()
    nested = kofi.locator(f"#post-{lena_reply.pk} + ol.nested")
    expect(nested).to_contain_text("warm gloves")
    opening = kofi.locator(f"#post-{thread.first_post_id}")
    opening.get_by_role("button", name="Like the post by Ines").click()
    expect(opening.locator("[data-like-count]")).to_have_text("1 like")
    expect(
        opening.get_by_role("button", name="Unlike the post by Ines")
    ).to_be_visible()
    assert PostLike.objects.filter(post_id=thread.first_post_id).count() == 1
    kofi.close()

    # Ines sees it in her header and her notifications.
    page.goto(f"{server_url}/forum/")
    notifications = page.get_by_role("link", name=re.compile(r"Notifications 3 unread"))
    expect(notifications).to_be_visible()
    notifications.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.locator(".notification").first).to_contain_text(
        "Kofi liked your post in “Does the tightness ease in winter?”"
    )
    expect(page.locator(".notifications")).to_contain_text(
        "Kofi posted a new reply in “Does the tightness ease in winter?”"
    )
    assert_accessible(page)


def _forum_pages():
    # Written as approved content: a new member's link would otherwise wait for
    # a moderator (the sandbox), and the nested answer below replies to it.
    with screening_skipped():
        return _write_forum_pages()


def _write_forum_pages():
    board = make_board(name="Systemic sclerosis", slug="systemic-sclerosis")
    asker = make_user("member", display_name="Asker", age_range="30-39", sex="female")
    thread = make_thread(
        board=board,
        title="Raynaud's at work",
        body="Cold office, white fingers.\n\n> A quote\n\n- a list\n- of tips",
        replies=25,
        nested=2,
    )
    reply = make_post(thread, body="A [link](https://example.org) and *emphasis*.")
    make_post(thread, reply_to=reply, body="Nested answer.")
    qa = make_board(name="Ask a professional", slug="ask", kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, author=asker, title="Eye checks on my tablets")
    make_thread(board=qa, title="Eye tests: how often?")
    make_post(question, author=make_user("professional"), body="Yearly, usually.")
    return {
        "index": "/forum/",
        "board": board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "thread page 2": thread.get_absolute_url() + "?page=2",
        "question": question.get_absolute_url(),
        "reply form": f"/forum/t/{thread.pk}/reply/?to={reply.pk}&quote=1",
        "new thread": f"/forum/{board.slug}/new/",
        "notifications": "/accounts/notifications/",
    }


def test_forum_pages_are_accessible_and_valid(page, server_url, tmp_path):
    urls = _forum_pages()
    make_user("member", email="reader@example.test", password=PASSWORD)
    log_in(page, server_url, "reader@example.test", PASSWORD)
    for name, path in urls.items():
        page.goto(server_url + path)
        assert_accessible(page)
        assert html_errors(page.content(), tmp_path, name) == [], name


def test_forum_pages_for_visitors_are_accessible(page, server_url):
    urls = _forum_pages()
    for name in ("index", "board", "thread", "question"):
        page.goto(server_url + urls[name])
        assert_accessible(page)
