"""Report or request deletion through the pages, what reporters and authors are
told, and the composer's personal-information warning."""

import html as htmllib
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from forum.models import Post, Report, Thread
from forum.services import dismiss_reports, hide_post, report_post
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_post, make_report

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def test_the_post_footer_offers_report_and_request_deletion(client, login, thread):
    reply = make_post(thread)
    member = login("member")
    page = text(client.get(thread.get_absolute_url()))
    assert f'href="{reverse("forum:post-report", args=[reply.pk])}"' in page
    own = make_post(thread, author=member)
    page = text(client.get(thread.get_absolute_url()))
    own_link = (
        f'<a href="{reverse("forum:post-report", args=[own.pk])}">Request deletion'
    )
    assert own_link in page


def test_the_report_form_offers_the_reasons_but_not_deletion(client, login, thread):
    login("member")
    page = text(client.get(reverse("forum:post-report", args=[thread.first_post_id])))
    for label in (
        "Spam or advertising",
        "Abuse or harassment",
        "Medical misinformation",
        "Personal information shared",
        "Off-topic",
        "Something else",
    ):
        assert label in page
    assert "Request deletion" not in page


def test_an_author_sees_only_request_deletion(client, login, thread):
    member = login("member")
    own = make_post(thread, author=member, body="I regret sharing this")
    page = text(client.get(reverse("forum:post-report", args=[own.pk])))
    assert "Request deletion of your post" in page
    assert 'value="deletion"' in page and 'value="spam"' not in page
    response = client.post(
        reverse("forum:post-report", args=[own.pk]), {"reason": "deletion"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Report.objects.get().reason == "deletion"


def test_reporting_redirects_back_with_thanks(client, login, thread):
    login("member")
    response = client.post(
        reverse("forum:post-report", args=[thread.first_post_id]),
        {"reason": "spam", "note": "Selling creams"},
        follow=True,
    )
    assert "A moderator will review it" in text(response)
    report = Report.objects.get()
    assert (report.reason, report.note) == ("spam", "Selling creams")


def test_the_thanks_follow_the_pages_language(client, login, thread):
    login("member")
    with translation.override("zh-hant"):
        url = reverse("forum:post-report", args=[thread.first_post_id])
    response = client.post(url, {"reason": "spam"}, follow=True)
    assert "謝謝你。版主會審查" in text(response)
    assert "A moderator will review it" not in text(response)


def test_reporting_twice_says_so_on_the_page(client, login, thread):
    member = login("member")
    report_post(thread.first_post, actor=member, reason="spam")
    url = reverse("forum:post-report", args=[thread.first_post_id])
    assert "You reported this post on" in text(client.get(url))
    response = client.post(url, {"reason": "abuse"})
    assert response.status_code == HTTPStatus.OK
    assert "You reported this post on" in text(response)
    assert Report.objects.count() == 1


def test_a_report_that_hides_a_reply_returns_to_the_thread(client, login, thread):
    reply = make_post(thread)
    make_report(reply)
    make_report(reply)
    login("member")
    response = client.post(
        reverse("forum:post-report", args=[reply.pk]), {"reason": "abuse"}
    )
    assert response.url == thread.get_absolute_url()
    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN


def test_bad_report_input_is_explained(client, login, thread):
    login("member")
    url = reverse("forum:post-report", args=[thread.first_post_id])
    assert "Please choose a reason." in text(client.post(url, {}))
    assert "Select a valid choice" in text(client.post(url, {"reason": "deletion"}))
    long_note = text(client.post(url, {"reason": "spam", "note": "x" * 1001}))
    assert "at most 1000 characters" in long_note
    assert not Report.objects.exists()
    assert client.get(reverse("forum:post-report", args=[999999])).status_code == 404


def test_a_profile_can_be_reported_from_the_profile_page(client, login):
    target = make_user("member", display_name="Shouty")
    login("member")
    page = text(client.get(reverse("members:profile", args=[target.pk])))
    assert f'href="{reverse("forum:member-report", args=[target.pk])}"' in page
    response = client.post(
        reverse("forum:member-report", args=[target.pk]),
        {"reason": "abuse", "note": "Insulting name"},
    )
    assert response.url == target.profile.get_absolute_url()
    assert Report.objects.get().member == target


# What reporters and authors are told ---------------------------------------------------------


def test_reporters_see_the_outcome_in_notifications_and_their_reports(client, thread):
    reply = make_post(thread, body="Rude words")
    reporter = make_user("member")
    make_report(reply, reporter=reporter, reason="abuse")
    hide_post(reply, actor=make_user("moderator"), reason="Name-calling")
    client.force_login(reporter)
    notes = text(client.get(reverse("notifications:list")))
    assert (
        f"Your report about a post in “{thread.title}”: a moderator hid the post."
        in notes
    )
    assert "Name-calling" not in notes  # the reason is for the author
    mine = text(client.get(reverse("notifications:reports")))
    assert "Abuse or harassment" in mine and "A moderator hid the post." in mine


def test_authors_read_the_reason_on_their_hidden_post_and_in_notifications(
    client, thread
):
    reply = make_post(thread, body="My reply")
    hide_post(reply, actor=make_user("moderator"), reason="Please don't name doctors.")
    client.force_login(reply.author)
    page = text(client.get(thread.get_absolute_url()))
    assert "Hidden by a moderator." in page
    assert "Reason: Please don't name doctors." in page
    notes = text(client.get(reverse("notifications:list")))
    assert f"A moderator hid your post in “{thread.title}”." in notes
    assert "Please don't name doctors." in notes


def test_a_dismissed_report_tells_the_reporter_nothing_was_needed(client, thread):
    reporter = make_user("member")
    make_report(thread.first_post, reporter=reporter)
    dismiss_reports(thread.first_post, actor=make_user("moderator"))
    client.force_login(reporter)
    mine = text(client.get(reverse("notifications:reports")))
    assert "A moderator reviewed it and left it as it is." in mine


def test_my_reports_page_is_private_and_paginated(client, thread):
    assert client.get(reverse("notifications:reports")).status_code == 302
    reporter = make_user("member")
    client.force_login(reporter)
    assert "You haven't reported anything." in text(
        client.get(reverse("notifications:reports"))
    )


# The personal-information warning ------------------------------------------------------------


def test_the_composer_warns_before_posting_an_email_address(client, login, thread):
    login("member")
    url = reverse("forum:reply-create", args=[thread.pk])
    body = "Write to me at sam.jones@example.org"
    response = client.post(url, {"body": body})
    page = text(response)
    assert response.status_code == HTTPStatus.OK
    assert "You are about to share personal information publicly" in page
    assert "an email address" in page
    assert f"{body}</textarea>" in page
    assert 'name="post_anyway" value="1"' in page
    assert 'href="#id_body">Edit my text' in page
    assert not Post.objects.filter(body=body).exists()
    response = client.post(url, {"body": body, "post_anyway": "1"})
    assert response.status_code == HTTPStatus.FOUND
    assert Post.objects.filter(body=body).exists()


def test_the_warning_covers_new_threads_and_edits_and_not_previews(
    client, login, board
):
    member = login("member")
    url = reverse("forum:thread-create", args=[board.slug])
    data = {"title": "Meet up in Leeds", "body": "Call me on 07700 900123"}
    assert "a phone number" in text(client.post(url, data))
    assert "a phone number" not in text(client.post(url, {**data, "preview": "1"}))
    assert not Thread.objects.exists()
    client.post(url, {**data, "post_anyway": "1"})
    thread = Thread.objects.get()
    edit = reverse("forum:post-edit", args=[thread.first_post_id])
    response = client.post(
        edit, {"title": "Meet up in Leeds", "body": "I live at 12 Baker Street"}
    )
    assert "a street address" in text(response)
    thread.first_post.refresh_from_db()
    assert thread.first_post.body == "Call me on 07700 900123"
    accept_terms(member)


def test_ordinary_posts_get_no_warning(client, login, thread):
    login("member")
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {"body": "I take 20 mg twice a day since 2019."},
    )
    assert response.status_code == HTTPStatus.FOUND


def test_a_blocked_word_keeps_the_text_in_the_form(client, login, thread):
    from forum.models import WordFilter

    WordFilter.objects.create(pattern="miracle cure", action="block")
    login("member")
    body = "My long story, then the miracle cure I found."
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": body}
    )
    page = text(response)
    assert response.status_code == HTTPStatus.OK
    assert "Your text contains “miracle cure”" in page
    assert f"{body}</textarea>" in page
