"""The moderation pages through the test client: the queue, one post's and one
member's review, moderator edits, bulk actions and the log."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import audit
from core.models import AuditEntry
from forum.models import Post, Report, Sanction
from forum.services import edit_post, hide_post, suspend_member
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_report, make_thread

pytestmark = pytest.mark.django_db

QUEUE = reverse("forum:moderation-queue")
LOG = reverse("forum:moderation-log")
# Pinned budgets for a moderator, whatever the number of items on the page. The
# queue: user, page count and items, reports, versions, photos, sanctions,
# authors' hidden/removed counts, four tab counts, boards, and the header
# (notifications, messages, reports, pending): 17 with the session and the
# permissions cached; the budget leaves room for two.
QUEUE_QUERIES = 19
LOG_QUERIES = 11

HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> '
    "[click](javascript:alert(2)) <iframe src=//evil.example></iframe> "
    '"><svg onload=alert(3)>'
)


def html(response) -> str:
    return response.content.decode()


def count_queries(client, url) -> int:
    client.get(url)  # the session and permissions come from the cache once warm
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


@pytest.fixture
def moderator(client):
    user = make_user("moderator", display_name="Mo")
    client.force_login(user)
    return user


def reported_reply(thread, *, body="You are all sheep.", reports=2):
    reply = make_post(thread, body=body)
    for n in range(reports):
        make_report(reply, reason="abuse", note=f"Note number {n}")
    return reply


# The queue ------------------------------------------------------------------------------


def test_the_queue_groups_reports_by_post_with_what_a_moderator_needs(
    client, moderator, thread
):
    reply = reported_reply(thread, body="You are all sheep.")
    edit_post(reply, actor=reply.author, body="You are all sheep, honestly.")
    make_report(reply, reason="misinformation", note="Also wrong")
    page = html(client.get(QUEUE))
    items = re.findall(r'<article class="card queue-item"', page)
    assert len(items) == 1  # three reports, one post
    for expected in (
        "3 open reports",
        "Abuse or harassment, Medical misinformation",
        "Note number 0",
        "Note number 1",
        "Also wrong",
        "You are all sheep, honestly.",
        "1 earlier version",
        "Joined",
        "Published posts",
        "Prior actions",
        f'href="{reverse("forum:moderation-member", args=[reply.author_id])}"',
    ):
        assert expected in page, expected
    # The first two reports saw the text before the edit; the third saw it as it is.
    assert page.count("The text when it was reported") == 2


def test_the_queue_shows_pending_posts_and_why_they_wait(client, moderator, thread):
    reply = make_post(thread, body="Waiting text")
    Post.objects.filter(pk=reply.pk).update(status="pending", held_for="links")
    page = html(client.get(QUEUE + "?show=pending"))
    assert "Waiting text" in page and "Held for: links." in page
    assert '<option value="approve">' in page


def test_the_queue_tabs_count_their_items(client, moderator, thread):
    reported_reply(thread)
    pending = make_post(thread)
    Post.objects.filter(pk=pending.pk).update(status="pending")
    hidden = reported_reply(thread, body="Hidden by reports", reports=3)
    make_report(member=make_user("member"), reason="spam")
    page = html(client.get(QUEUE))
    for label, count in [
        ("Reported posts", 2),
        ("Waiting for approval", 1),
        ("Auto-hidden", 1),
        ("Reported profiles", 1),
    ]:
        assert f"{label} ({count})" in page
    assert "Hidden by reports" in html(client.get(QUEUE + "?show=hidden"))
    members = html(client.get(QUEUE + "?show=members"))
    assert "Profile of" in members and hidden.body not in members


def test_an_empty_queue_says_so(client, moderator):
    assert "Nothing is waiting here" in html(client.get(QUEUE))


def test_the_queue_runs_a_fixed_number_of_queries(
    client, moderator, board, django_assert_max_num_queries
):
    thread = make_thread(board=board)
    reported_reply(thread)
    few = count_queries(client, QUEUE)
    for n in range(12):
        reply = reported_reply(thread, body=f"Reported {n}", reports=2)
        edit_post(reply, actor=reply.author, body=f"Reported {n}, edited")
        pending = make_post(thread, body=f"Pending {n}")
        Post.objects.filter(pk=pending.pk).update(status="pending")
    suspend_member(
        reply.author, actor=make_user("moderator"), days=1, reason="Cooling off"
    )
    assert count_queries(client, QUEUE) == few
    with django_assert_max_num_queries(QUEUE_QUERIES):
        client.get(QUEUE)
    profiles = QUEUE + "?show=members"
    make_report(member=make_user("member"))
    few_members = count_queries(client, profiles)
    for _ in range(5):
        make_report(member=make_user("member"), reason="spam")
    assert count_queries(client, profiles) == few_members


def test_the_queue_paginates_and_odd_query_strings_are_harmless(
    client, moderator, board
):
    thread = make_thread(board=board)
    for n in range(25):
        reported_reply(thread, body=f"Item {n:02d}", reports=1)
    first, second = html(client.get(QUEUE)), html(client.get(QUEUE + "?page=2"))
    assert "Item 00" in first and "Item 24" not in first
    assert "Item 24" in second
    for query in ("?page=x", "?page=999", "?show=nope", "?show=%00", "?page=-1"):
        assert client.get(QUEUE + query).status_code == HTTPStatus.OK, query


# Acting ----------------------------------------------------------------------------------------


def test_an_action_redirects_with_a_message_and_closes_the_reports(
    client, moderator, thread
):
    reply = reported_reply(thread)
    response = client.post(
        reverse("forum:moderation-post", args=[reply.pk]),
        {"action": "hide", "reason": "Please be kind.", "next": QUEUE + "?page=1"},
        follow=True,
    )
    assert response.redirect_chain == [(QUEUE + "?page=1", HTTPStatus.FOUND)]
    assert "The post is hidden. Its author sees your reason." in html(response)
    assert set(Report.objects.values_list("status", flat=True)) == {"resolved"}


def test_hiding_without_a_reason_keeps_the_form_and_says_why(client, moderator, thread):
    reply = reported_reply(thread)
    response = client.post(
        reverse("forum:moderation-post", args=[reply.pk]), {"action": "hide"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Please give a reason: the author will read it." in html(response)
    reply.refresh_from_db()
    assert reply.status == "published"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": ""}, "Please choose an action."),
        ({"action": "explode"}, "Select a valid choice"),
        ({"action": "approve"}, "Select a valid choice"),  # not pending
        ({"action": "move"}, "Please choose the board to move the thread to."),
        ({"action": "move", "board": "999999"}, "Select a valid choice"),
        ({"action": "move", "board": "abc"}, "Select a valid choice"),
        ({"action": "suspend", "reason": "x"}, "Please choose how long"),
        ({"action": "suspend", "reason": "x", "days": "2"}, "Select a valid choice"),
        ({"action": "warn"}, "Please write the message the member will read."),
        ({"action": "hide", "reason": "x" * 1001}, "at most 1000 characters"),
        (
            {"action": "hide", "reason": "bad\x00byte"},
            "can&#x27;t be saved (a null byte)",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_never_a_500(
    client, moderator, thread, data, message
):
    reply = reported_reply(thread)
    response = client.post(reverse("forum:moderation-post", args=[reply.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert message in html(response)
    assert not AuditEntry.objects.exists()


def test_an_unsafe_next_address_is_ignored(client, moderator, thread):
    reply = reported_reply(thread)
    response = client.post(
        reverse("forum:moderation-post", args=[reply.pk]),
        {"action": "dismiss", "next": "https://evil.example/"},
    )
    assert response.url == QUEUE


def test_unknown_posts_and_members_are_404(client, moderator):
    for url in (
        reverse("forum:moderation-post", args=[999999]),
        reverse("forum:moderation-post-edit", args=[999999]),
        reverse("forum:moderation-member", args=[999999]),
    ):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_moderation_changes_need_the_csrf_token(moderator, thread):
    reply = reported_reply(thread)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    response = strict.post(
        reverse("forum:moderation-post", args=[reply.pk]),
        {"action": "hide", "reason": "x"},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    reply.refresh_from_db()
    assert reply.status == "published"


def test_the_review_page_moves_a_thread(client, moderator, thread):
    other = make_board(name="Daily life")
    response = client.post(
        reverse("forum:moderation-post", args=[thread.first_post_id]),
        {"action": "move", "board": other.pk, "reason": "Better fit"},
        follow=True,
    )
    assert "The thread is moved to Daily life." in html(response)
    thread.refresh_from_db()
    assert thread.board == other


def test_the_review_page_suspends_the_author(client, moderator, thread):
    reply = reported_reply(thread)
    response = client.post(
        reverse("forum:moderation-post", args=[reply.pk]),
        {"action": "suspend", "days": "7", "reason": "Repeated insults"},
        follow=True,
    )
    assert "is suspended until" in html(response)
    sanction = Sanction.objects.get()
    assert (sanction.kind, sanction.post) == ("suspension", reply)
    assert set(Report.objects.values_list("outcome", flat=True)) == {"member.suspend"}


def test_the_review_page_shows_context_history_and_versions(client, moderator, thread):
    reply = make_post(thread, body="Original words", reply_to=thread.first_post)
    edit_post(reply, actor=reply.author, body="Changed words")
    hide_post(reply, actor=make_user("moderator"), reason="Checking")
    page = html(client.get(reverse("forum:moderation-post", args=[reply.pk])))
    assert "The thread opens with" in page
    assert "Original words" in page and "Changed words" in page
    assert "post.hide" in page and "Checking" in page


# Bulk ------------------------------------------------------------------------------------------


def test_bulk_acts_on_the_selected_posts(client, moderator, thread):
    replies = [reported_reply(thread, body=f"Spam {n}", reports=1) for n in range(3)]
    response = client.post(
        reverse("forum:moderation-bulk"),
        {
            "action": "delete",
            "posts": [replies[0].pk, replies[1].pk],
            "reason": "Spam",
            "next": QUEUE,
        },
        follow=True,
    )
    assert "Done for 2 posts." in html(response)
    statuses = [Post.objects.get(pk=r.pk).status for r in replies]
    assert statuses == ["deleted", "deleted", "published"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "delete"}, "Please select at least one post."),
        ({"action": "", "posts": ["1"]}, "Please choose an action."),
        ({"action": "hide", "posts": ["POST"]}, "Please select posts from the list."),
        ({"action": "hide", "posts": ["POST"]}, "Please give a reason"),
        ({"action": "approve", "posts": ["POST"]}, "not waiting for approval"),
        ({"action": "approve", "posts": ["999999"]}, "None of the selected posts"),
    ],
)
def test_bulk_bad_input_comes_back_as_a_message(
    client, moderator, thread, data, message
):
    reply = reported_reply(thread, reports=1)
    data = {
        k: [str(reply.pk) if v == "POST" else v for v in value]
        if isinstance(value, list)
        else value
        for k, value in data.items()
    }
    if message == "Please select posts from the list.":
        data["posts"] = ["abc"]
    response = client.post(reverse("forum:moderation-bulk"), data, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert message in html(response)


def test_bulk_only_takes_post(client, moderator):
    assert client.get(reverse("forum:moderation-bulk")).status_code == 405


# Moderator edit and hostile text ----------------------------------------------------------------


def test_a_moderator_previews_and_edits_a_hostile_post_safely(
    client, moderator, thread
):
    reply = make_post(thread, body=HOSTILE)
    edit_url = reverse("forum:moderation-post-edit", args=[reply.pk])
    for page in (
        html(client.get(reverse("forum:moderation-post", args=[reply.pk]))),
        html(client.get(edit_url)),
        html(client.post(edit_url, {"body": HOSTILE + " more", "preview": "1"})),
    ):
        assert "<script>alert" not in page
        assert not re.search(r"<img[^>]*onerror", page)
        assert "<iframe" not in page
        assert not re.search(r"<svg[^>]*onload", page)
        assert 'href="javascript' not in page
    preview = html(client.post(edit_url, {"body": HOSTILE + " more", "preview": "1"}))
    assert "&lt;script&gt;" in preview  # shown as text
    response = client.post(
        edit_url, {"body": "Text tidied by a moderator.", "reason": "Removed markup"}
    )
    assert response.status_code == HTTPStatus.FOUND
    reply.refresh_from_db()
    assert reply.body == "Text tidied by a moderator." and reply.versions.count() == 1
    assert reply.versions.get().body == HOSTILE
    versions = html(client.get(reverse("forum:moderation-post", args=[reply.pk])))
    assert "<script>alert" not in versions and "<iframe" not in versions


def test_the_queue_shows_a_hostile_post_as_text(client, moderator, thread):
    reported_reply(thread, body=HOSTILE)
    page = html(client.get(QUEUE))
    assert "<script>alert" not in page and "<iframe" not in page
    assert 'href="javascript' not in page
    assert not re.search(r"<svg[^>]*onload", page)
    assert not re.search(r"<img[^>]*onerror", page)


def test_a_moderator_edit_with_an_empty_text_is_refused(client, moderator, thread):
    reply = make_post(thread, body="Something")
    response = client.post(
        reverse("forum:moderation-post-edit", args=[reply.pk]), {"body": "  "}
    )
    assert response.status_code == HTTPStatus.OK
    assert "The text can&#x27;t be empty." in html(response)


# The log ---------------------------------------------------------------------------------------


def test_the_log_lists_actions_with_who_what_target_reason_and_change(
    client, moderator, thread
):
    reply = make_post(thread)
    hide_post(reply, actor=moderator, reason="Personal attack")
    page = html(client.get(LOG))
    assert "post.hide" in page and "Mo" in page and "Personal attack" in page
    assert f'href="{reverse("forum:moderation-post", args=[reply.pk])}"' in page
    assert "published → hidden" in page


def test_the_log_filters_by_action_actor_and_date(client, moderator, thread):
    other = make_user("moderator", display_name="Robin")
    hide_post(make_post(thread), actor=moderator, reason="reason-one")
    hide_post(make_post(thread), actor=other, reason="reason-two")
    audit.record(other, "thread.pin", thread, reason="reason-three")
    by_action = html(client.get(LOG + "?action=thread.pin"))
    assert "reason-three" in by_action and "reason-one" not in by_action
    by_actor = html(client.get(LOG + "?actor=rob"))
    assert "reason-two" in by_actor and "reason-one" not in by_actor
    future = html(client.get(LOG + "?since=2999-01-01"))
    assert "No entries match." in future and "reason-one" not in future
    today = AuditEntry.objects.first().created_at.date().isoformat()
    assert "reason-one" in html(client.get(f"{LOG}?since={today}&until={today}"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?since=yesterday", "Enter a valid date."),
        ("?since=99999-01-01", "Enter a valid date."),
        ("?action=no.such", "Select a valid choice"),
        ("?actor=%00", "can&#x27;t be saved (a null byte)"),
        ("?since=2024-05-02&until=2024-05-01", "The end date is before the start"),
        ("?page=abc", "post.hide"),
        ("?page=100000", "post.hide"),
    ],
)
def test_bad_log_filters_are_explained_never_a_500(client, moderator, query, message):
    audit.record(moderator, "post.hide", None, reason="something")
    response = client.get(LOG + query)
    assert response.status_code == HTTPStatus.OK
    assert message in html(response)


def test_the_log_paginates_keeping_its_filters(client, moderator):
    for n in range(60):
        audit.record(moderator, "post.hide", None, reason=f"entry {n:02d}")
    page = html(client.get(LOG + "?action=post.hide"))
    assert "entry 59" in page and "entry 00" not in page
    assert "?action=post.hide&amp;page=2" in page
    assert "entry 00" in html(client.get(LOG + "?action=post.hide&page=2"))


def test_the_log_runs_a_fixed_number_of_queries(
    client, moderator, thread, django_assert_max_num_queries
):
    hide_post(make_post(thread), actor=moderator, reason="one")
    few = count_queries(client, LOG)
    for n in range(30):
        hide_post(make_post(thread), actor=moderator, reason=f"more {n}")
    assert count_queries(client, LOG) == few
    with django_assert_max_num_queries(LOG_QUERIES):
        client.get(LOG)


# The header and the member page ---------------------------------------------------------------


def test_moderators_see_open_reports_and_pending_posts_in_the_header(
    client, moderator, thread
):
    reported_reply(thread, reports=2)
    pending = make_post(thread)
    Post.objects.filter(pk=pending.pk).update(status="pending")
    page = html(client.get("/"))
    assert re.search(r'Moderation <span class="badge-count">3</span>', page), (
        "2 open reports + 1 pending post"
    )


def test_the_member_page_shows_the_record_and_acts(client, moderator, thread):
    reply = reported_reply(thread)
    suspend_member(reply.author, actor=make_user("moderator"), days=1, reason="Rude")
    make_report(member=reply.author, reason="abuse", note="Rude name")
    page = html(client.get(reverse("forum:moderation-member", args=[reply.author_id])))
    assert "Suspended until" in page and "Rude name" in page and "Rude" in page
    response = client.post(
        reverse("forum:moderation-member", args=[reply.author_id]),
        {"action": "lift", "reason": "Apologised"},
        follow=True,
    )
    assert "can take part again" in html(response)


def test_the_log_never_echoes_a_bad_date_into_the_date_picker(client, moderator):
    page = html(client.get(LOG + "?since=nonsense&until=2024-01-31"))
    assert 'value="nonsense"' not in page
    assert 'value="2024-01-31"' in page
