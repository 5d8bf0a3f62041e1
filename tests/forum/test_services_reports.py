"""Reporting posts and profiles: one open report per member per item, reasons,
snapshots, auto-hiding at the threshold, and emails to moderators."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import AuditEntry
from forum.models import Notification, Post, Report
from forum.permissions import filter_visible_posts, report_reasons
from forum.selectors import searchable_posts
from forum.services import dismiss_reports, edit_post, report_member, report_post
from tests.factories import make_user
from tests.forum.factories import make_post, make_report, make_thread

pytestmark = pytest.mark.django_db


def test_a_report_keeps_a_snapshot_of_the_text_as_it_was(thread):
    reply = make_post(thread, body="Stop your methotrexate, it is poison.")
    report = make_report(reply, reason="misinformation", note="Dangerous advice")
    edit_post(reply, actor=reply.author, body="Talk to your doctor first.")
    report.refresh_from_db()
    assert report.snapshot == "Stop your methotrexate, it is poison."
    assert (report.reason, report.note, report.status) == (
        "misinformation",
        "Dangerous advice",
        "open",
    )


def test_the_snapshot_of_an_opening_post_includes_the_title(board):
    thread = make_thread(board=board, title="Miracle cure here", body="Buy it now")
    report = make_report(thread.first_post, reason="spam")
    assert report.snapshot == "Miracle cure here\n\nBuy it now"


def test_reporting_twice_says_so_and_keeps_one_report(thread):
    reporter = make_user("member")
    report_post(thread.first_post, actor=reporter, reason="spam")
    with pytest.raises(ValidationError) as refused:
        report_post(thread.first_post, actor=reporter, reason="abuse")
    assert refused.value.code == "already_reported"
    assert "already reported" in refused.value.messages[0]
    assert Report.objects.count() == 1


def test_one_open_report_per_member_is_a_database_rule(thread):
    reporter = make_user("member")
    report_post(thread.first_post, actor=reporter, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=reporter, post=thread.first_post, reason="abuse")


def test_after_a_moderator_decides_the_member_may_report_again(thread):
    reporter, moderator = make_user("member"), make_user("moderator")
    report_post(thread.first_post, actor=reporter, reason="spam")
    dismiss_reports(thread.first_post, actor=moderator)
    report_post(thread.first_post, actor=reporter, reason="spam", note="Again")
    assert Report.objects.filter(reporter=reporter).count() == 2


def test_different_members_each_report_once(thread):
    for _ in range(2):
        make_report(thread.first_post, reason="off_topic")
    assert Report.objects.filter(post=thread.first_post, status="open").count() == 2


def test_an_author_may_only_request_deletion_of_their_own_post(thread):
    author = thread.author
    assert report_reasons(author, thread.first_post) == ["deletion"]
    with pytest.raises(PermissionDenied, match="request the deletion of your own"):
        report_post(thread.first_post, actor=author, reason="spam")
    report = report_post(thread.first_post, actor=author, reason="deletion")
    assert report.reason == "deletion"


def test_a_member_quoted_in_a_post_may_request_its_deletion(thread):
    quoted_author = thread.author
    other = make_user("member")
    reply = make_post(thread, author=other, body="Something")
    reply.quotes.add(thread.first_post)
    assert "deletion" in report_reasons(quoted_author, reply)
    report = report_post(reply, actor=quoted_author, reason="deletion")
    assert report.reason == "deletion"


def test_others_may_not_request_deletion_of_someone_elses_post(thread):
    stranger = make_user("member")
    assert "deletion" not in report_reasons(stranger, thread.first_post)
    with pytest.raises(PermissionDenied, match="Only the author"):
        report_post(thread.first_post, actor=stranger, reason="deletion")


def test_an_unknown_reason_is_refused_with_a_clear_message(thread):
    with pytest.raises(ValidationError) as refused:
        report_post(thread.first_post, actor=make_user("member"), reason="boring")
    assert refused.value.message_dict == {
        "reason": ["Please choose a reason from the list."]
    }


def test_a_note_too_long_is_refused(thread):
    with pytest.raises(ValidationError) as refused:
        report_post(
            thread.first_post, actor=make_user("member"), reason="spam", note="x" * 1001
        )
    assert "note" in refused.value.message_dict


def test_a_deleted_or_hidden_post_cannot_be_reported_by_others(thread):
    reply = make_post(thread)
    Post.objects.filter(pk=reply.pk).update(status=Post.Status.HIDDEN)
    reply.refresh_from_db()
    with pytest.raises(PermissionDenied):
        report_post(reply, actor=make_user("member"), reason="spam")


# Auto-hide ---------------------------------------------------------------------------------


def test_a_post_hides_itself_when_distinct_reports_reach_the_threshold(thread):
    reply = make_post(thread)
    thread.refresh_from_db()
    replies_before = thread.reply_count
    make_report(reply)
    make_report(reply)
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED
    make_report(reply)
    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN and reply.auto_hidden
    thread.refresh_from_db()
    assert thread.reply_count == replies_before - 1
    entry = AuditEntry.objects.get(action="post.auto_hide")
    assert entry.actor is None and entry.actor_name == "system"
    assert entry.after["report_weight"] == 3
    notice = Notification.objects.get(recipient=reply.author, kind="moderation")
    assert notice.action == "post.auto_hide"


def test_a_moderators_report_counts_three(thread):
    reply = make_post(thread)
    make_report(reply, reporter=make_user("moderator"))
    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN and reply.auto_hidden


def test_the_threshold_is_read_at_call_time(thread, settings):
    settings.FORUM_AUTO_HIDE_REPORTS = 5
    reply = make_post(thread)
    for _ in range(4):
        make_report(reply)
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED
    make_report(reply)
    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN


def test_closed_reports_do_not_count_towards_auto_hide(thread):
    reply = make_post(thread)
    make_report(reply)
    make_report(reply)
    dismiss_reports(reply, actor=make_user("moderator"))
    make_report(reply)
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED


def test_an_auto_hidden_post_is_seen_by_its_author_and_moderators_only(client, thread):
    reply = make_post(thread, body="Reported words")
    for _ in range(3):
        make_report(reply)
    visible_to = {
        role: filter_visible_posts(user, Post.objects.filter(pk=reply.pk)).exists()
        for role, user in {
            "author": reply.author,
            "moderator": make_user("moderator"),
            "member": make_user("member"),
        }.items()
    }
    assert visible_to == {"author": True, "moderator": True, "member": False}
    assert not searchable_posts().filter(pk=reply.pk).exists()
    client.force_login(reply.author)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Hidden automatically after several reports" in page
    assert "Reported words" in page


def test_an_auto_hidden_opening_post_hides_the_thread_and_counts_it_out(board):
    thread = make_thread(board=board)
    board.refresh_from_db()
    assert board.thread_count == 1
    for _ in range(3):
        make_report(thread.first_post)
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (0, 0)


# Profiles and moderator emails ------------------------------------------------------------


def test_reporting_a_profile_keeps_its_name_and_bio(client):
    target = make_user("member", display_name="Cheap Pills", bio="Visit my shop")
    report = report_member(target, actor=make_user("member"), reason="spam")
    assert report.post is None and report.member == target
    assert report.snapshot == "Cheap Pills\n\nVisit my shop"


def test_reporting_a_profile_twice_says_so(client):
    target, reporter = make_user("member"), make_user("member")
    report_member(target, actor=reporter, reason="spam")
    with pytest.raises(ValidationError, match="already reported this profile"):
        report_member(target, actor=reporter, reason="abuse")


def test_nobody_reports_their_own_profile_or_requests_a_profiles_deletion():
    member = make_user("member")
    with pytest.raises(PermissionDenied):
        report_member(member, actor=member, reason="spam")
    with pytest.raises(ValidationError):
        report_member(make_user("member"), actor=member, reason="deletion")


def test_moderators_are_emailed_about_new_reports_when_the_setting_is_on(
    thread, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_EMAIL_MODERATORS_ON_REPORT = True
    moderators = [make_user("moderator"), make_user("moderator")]
    with django_capture_on_commit_callbacks(execute=True):
        make_report(thread.first_post, reason="abuse", note="Name-calling")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in moderators)
    assert "Abuse or harassment" in mail.outbox[0].body
    assert "/forum/moderation/" in mail.outbox[0].body


def test_no_email_to_moderators_by_default(thread, django_capture_on_commit_callbacks):
    make_user("moderator")
    with django_capture_on_commit_callbacks(execute=True):
        make_report(thread.first_post)
    assert mail.outbox == []
