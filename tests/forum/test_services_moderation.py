"""Moderators' actions on posts and threads: state, exact counters, an audit row,
reports closed, reporters and authors told."""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from forum.models import Board, Notification, Post, Report, Thread
from forum.services import (
    approve_post,
    bulk_moderate,
    create_reply,
    delete_post,
    dismiss_reports,
    hide_post,
    lock_thread,
    moderate_edit_post,
    move_thread,
    pin_thread,
    remove_post,
    restore_post,
    screening_skipped,
    unlock_thread,
    unpin_thread,
)
from members.models import Profile
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_report, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(board, other_member):
    """An approved thread, even when the sandbox is on."""
    with screening_skipped():
        return make_thread(
            board=board, author=other_member, title="Tight skin on my arm"
        )


@pytest.fixture
def moderator(db):
    return make_user("moderator", display_name="Mo")


def counts(thread: Thread) -> tuple:
    """Every counter a post's state moves: thread, board, author."""
    thread.refresh_from_db()
    board = Board.objects.get(pk=thread.board_id)
    return (thread.reply_count, board.post_count, board.thread_count)


def only_entry(action: str) -> AuditEntry:
    return AuditEntry.objects.get(action=action)


def outcome_notices(action: str) -> list[Notification]:
    return list(Notification.objects.filter(kind="report_outcome", action=action))


# Hide and restore ----------------------------------------------------------------------


def test_hide_keeps_counters_exact_and_restore_puts_them_back(thread, moderator):
    reply = make_post(thread)
    author_posts = Profile.objects.get(user=reply.author).post_count
    before = counts(thread)
    hide_post(reply, actor=moderator, reason="Off-topic advertising")
    assert counts(thread) == (before[0] - 1, before[1] - 1, before[2])
    assert Profile.objects.get(user=reply.author).post_count == author_posts - 1
    restore_post(reply, actor=moderator)
    assert counts(thread) == before
    assert Profile.objects.get(user=reply.author).post_count == author_posts


def test_hide_needs_a_reason_the_author_reads(thread, moderator):
    reply = make_post(thread)
    with pytest.raises(ValidationError) as refused:
        hide_post(reply, actor=moderator, reason="   ")
    assert refused.value.message_dict["reason"] == [
        "Please give a reason: the author will read it."
    ]
    hide_post(reply, actor=moderator, reason="Please keep to the topic.")
    reply.refresh_from_db()
    assert (reply.status, reply.hidden_reason) == (
        "hidden",
        "Please keep to the topic.",
    )
    notice = Notification.objects.get(recipient=reply.author, kind="moderation")
    assert (notice.action, notice.message) == ("post.hide", "Please keep to the topic.")


def test_hide_writes_who_what_why_and_before_after(thread, moderator):
    reply = make_post(thread)
    hide_post(reply, actor=moderator, reason="Rude")
    entry = only_entry("post.hide")
    assert entry.actor == moderator and entry.actor_name == "Mo"
    assert (entry.target_type.model, entry.target_id) == ("post", str(reply.pk))
    assert entry.reason == "Rude"
    assert entry.before["status"] == "published"
    assert entry.after == {"status": "hidden", "hidden_reason": "Rude"}


def test_hide_closes_the_reports_and_tells_each_reporter(thread, moderator):
    reply = make_post(thread)
    first, second = make_user("member"), make_user("member")
    make_report(reply, reporter=first)
    make_report(reply, reporter=second)
    hide_post(reply, actor=moderator, reason="Rude")
    reports = Report.objects.filter(post=reply)
    assert set(reports.values_list("status", "outcome")) == {("resolved", "post.hide")}
    assert all(r.resolved_by == moderator and r.resolved_at for r in reports)
    notified = {n.recipient_id for n in outcome_notices("post.hide")}
    assert notified == {first.pk, second.pk}


def test_hiding_an_auto_hidden_post_confirms_it_without_counting_twice(
    thread, moderator
):
    reply = make_post(thread)
    for _ in range(3):
        make_report(reply)
    after_auto = counts(thread)
    hide_post(reply, actor=moderator, reason="Confirmed: misinformation")
    reply.refresh_from_db()
    assert not reply.auto_hidden and reply.hidden_reason == "Confirmed: misinformation"
    assert counts(thread) == after_auto


def test_restore_refuses_a_post_that_is_not_hidden(thread, moderator):
    with pytest.raises(ValidationError, match="not hidden"):
        restore_post(thread.first_post, actor=moderator)
    assert not AuditEntry.objects.exists()


# Delete --------------------------------------------------------------------------------


def test_moderator_delete_leaves_a_placeholder_and_can_be_undone(
    client, thread, moderator
):
    reply = make_post(thread, body="Contact me on my private number")
    before = counts(thread)
    remove_post(reply, actor=moderator, reason="Personal details")
    reply.refresh_from_db()
    assert (reply.status, reply.deleted_by) == ("deleted", moderator)
    assert counts(thread)[:2] == (before[0] - 1, before[1] - 1)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "This post was removed by a moderator." in page
    assert "private number" not in page
    restore_post(reply, actor=moderator, reason="Mistake")
    assert counts(thread) == before


def test_a_post_its_author_deleted_cannot_be_restored_by_a_moderator(thread, moderator):
    reply = make_post(thread)
    delete_post(reply, actor=reply.author)
    with pytest.raises(ValidationError, match="Its author deleted"):
        restore_post(reply, actor=moderator)


def test_deleting_the_helpful_answer_clears_it(qa_board, moderator):
    thread = make_thread(board=qa_board)
    answer = make_post(thread)
    Thread.objects.filter(pk=thread.pk).update(helpful_post=answer)
    remove_post(answer, actor=moderator)
    thread.refresh_from_db()
    assert thread.helpful_post is None


# Approve ---------------------------------------------------------------------------------


@pytest.mark.sandbox
def test_approving_a_pending_reply_publishes_counts_and_notifies(thread, moderator):
    follower = thread.author  # the starter follows their thread
    newcomer = make_user("member")
    from tests.forum.factories import accept_terms

    accept_terms(newcomer)
    reply = create_reply(thread, actor=newcomer, body="Hello, I'm new here.")
    assert reply.status == Post.Status.PENDING
    assert not Notification.objects.filter(post=reply).exists()
    before = counts(thread)
    approve_post(reply, actor=moderator)
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED and reply.held_for == ""
    assert counts(thread) == (before[0] + 1, before[1] + 1, before[2])
    assert Profile.objects.get(user=newcomer).post_count == 1
    assert Notification.objects.filter(
        recipient=follower, post=reply, kind="followed_reply"
    ).exists()
    assert Notification.objects.get(recipient=newcomer, kind="moderation").action == (
        "post.approve"
    )
    entry = only_entry("post.approve")
    assert entry.before["held_for"] == "one of the member's first posts"


@pytest.mark.sandbox
def test_approving_a_pending_opening_post_lists_the_thread(board, moderator):
    from forum.services import start_thread
    from tests.forum.factories import accept_terms

    newcomer = make_user("member")
    accept_terms(newcomer)
    thread = start_thread(board, actor=newcomer, title="My first question", body="Hi")
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (0, 0)
    approve_post(thread.first_post, actor=moderator)
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (1, 1)


def test_approve_refuses_a_post_that_is_not_waiting(thread, moderator):
    with pytest.raises(ValidationError, match="not waiting for approval"):
        approve_post(thread.first_post, actor=moderator)


# Edit --------------------------------------------------------------------------------------


def test_a_moderator_edit_keeps_a_version_and_logs_both_texts(thread, moderator):
    opening = thread.first_post
    moderate_edit_post(
        opening,
        actor=moderator,
        body="[Phone number removed by a moderator]",
        title="Looking for a dermatologist",
        reason="Personal details",
    )
    opening.refresh_from_db()
    thread.refresh_from_db()
    assert opening.body == "[Phone number removed by a moderator]"
    assert thread.title == "Looking for a dermatologist"
    version = opening.versions.get()
    assert version.replaced_by == moderator and version.title == "Tight skin on my arm"
    entry = only_entry("post.edit")
    assert entry.before["title"] == "Tight skin on my arm"
    assert entry.after["body"] == "[Phone number removed by a moderator]"
    assert Notification.objects.get(kind="moderation").action == "post.edit"


def test_a_moderator_edit_goes_through_the_markup_pipeline(thread, moderator):
    reply = make_post(thread)
    moderate_edit_post(
        reply,
        actor=moderator,
        body="<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>",
    )
    reply.refresh_from_db()
    assert "<script" not in reply.body_html
    assert "&lt;script&gt;" in reply.body_html  # shown as text, never run
    assert 'href="javascript' not in reply.body_html
    assert "<img" not in reply.body_html


def test_an_unchanged_moderator_edit_is_refused(thread, moderator):
    reply = make_post(thread, body="Same text")
    with pytest.raises(ValidationError, match="Nothing changed"):
        moderate_edit_post(reply, actor=moderator, body="Same text")
    assert not AuditEntry.objects.exists()


# Dismiss -------------------------------------------------------------------------------------


def test_dismiss_closes_reports_as_no_action_and_brings_back_an_auto_hidden_post(
    thread, moderator
):
    reply = make_post(thread)
    before = counts(thread)
    reporters = [make_user("member") for _ in range(3)]
    for reporter in reporters:
        make_report(reply, reporter=reporter)
    assert counts(thread) != before
    dismiss_reports(reply, actor=moderator, reason="Within the guidelines")
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED and not reply.auto_hidden
    assert counts(thread) == before
    assert set(Report.objects.values_list("status", flat=True)) == {"dismissed"}
    assert len(outcome_notices("report.dismiss")) == 3
    entry = only_entry("report.dismiss")
    assert entry.before == {"open_reports": 3} and entry.after["restored"] is True


def test_dismiss_without_reports_says_so(thread, moderator):
    with pytest.raises(ValidationError, match="no open reports"):
        dismiss_reports(thread.first_post, actor=moderator)


# Threads ---------------------------------------------------------------------------------------


def test_lock_stops_replies_but_not_moderators_and_unlock_reopens(thread, moderator):
    lock_thread(thread, actor=moderator, reason="Going in circles")
    thread.refresh_from_db()
    assert thread.is_locked
    member = make_user("member")
    from django.core.exceptions import PermissionDenied

    from tests.forum.factories import accept_terms

    accept_terms(member)
    with pytest.raises(PermissionDenied, match="locked"):
        create_reply(thread, actor=member, body="One more thing")
    accept_terms(moderator)
    create_reply(thread, actor=moderator, body="Locking this thread now.")
    unlock_thread(thread, actor=moderator)
    create_reply(thread, actor=member, body="One more thing")
    assert [e.action for e in AuditEntry.objects.order_by("id")] == [
        "thread.lock",
        "thread.unlock",
    ]
    assert only_entry("thread.lock").after == {"is_locked": True}


def test_pin_and_unpin_and_refuse_doing_it_twice(thread, moderator):
    pin_thread(thread, actor=moderator)
    with pytest.raises(ValidationError, match="already pinned"):
        pin_thread(thread, actor=moderator)
    unpin_thread(thread, actor=moderator)
    with pytest.raises(ValidationError, match="not pinned"):
        unpin_thread(thread, actor=moderator)
    thread.refresh_from_db()
    assert not thread.is_pinned
    assert AuditEntry.objects.count() == 2


def test_a_thread_action_from_a_reported_post_closes_its_reports(thread, moderator):
    reply = make_post(thread)
    make_report(reply)
    lock_thread(thread, actor=moderator, post=reply)
    assert Report.objects.get().outcome == "thread.lock"
    assert outcome_notices("thread.lock")


def test_move_carries_the_counters_and_latest_activity_to_the_new_board(
    board, moderator
):
    thread = make_thread(board=board, replies=4)
    make_post(thread)
    other = make_board(name="Newly diagnosed")
    hidden = make_post(thread)
    hide_post(hidden, actor=moderator, reason="x")
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (1, 6)
    move_thread(thread, actor=moderator, board=other, reason="Better fit")
    board.refresh_from_db()
    other.refresh_from_db()
    assert (board.thread_count, board.post_count, board.last_thread) == (0, 0, None)
    assert (other.thread_count, other.post_count) == (1, 6)
    assert other.last_thread == thread
    entry = only_entry("thread.move")
    assert (entry.before, entry.after) == (
        {"board": board.slug},
        {"board": other.slug},
    )


def test_moving_to_the_same_board_is_refused(thread, moderator):
    with pytest.raises(ValidationError) as refused:
        move_thread(thread, actor=moderator, board=thread.board)
    assert "board" in refused.value.message_dict


# Several at once --------------------------------------------------------------------------------


def test_bulk_hides_several_posts_each_with_its_own_audit_row(thread, moderator):
    posts = [make_post(thread) for _ in range(3)]
    before = counts(thread)
    done, skipped = bulk_moderate(posts, actor=moderator, action="hide", reason="Spam")
    assert (done, skipped) == (3, [])
    assert counts(thread)[:2] == (before[0] - 3, before[1] - 3)
    assert AuditEntry.objects.filter(action="post.hide").count() == 3


def test_bulk_skips_what_does_not_fit_and_says_why(thread, moderator):
    published = make_post(thread)
    done, skipped = bulk_moderate([published], actor=moderator, action="approve")
    assert done == 0
    assert skipped == [f"Post #{published.pk}: This post is not waiting for approval."]


def test_bulk_refuses_an_unknown_action_or_a_hide_without_reason(thread, moderator):
    with pytest.raises(ValidationError):
        bulk_moderate([thread.first_post], actor=moderator, action="explode")
    with pytest.raises(ValidationError):
        bulk_moderate([thread.first_post], actor=moderator, action="hide")
    assert not AuditEntry.objects.exists()
