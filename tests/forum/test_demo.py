"""The demo forum: enough content to show every feature, and a second run changes nothing."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from forum.models import Board, Notification, Post, PostLike, Thread, ThreadFollow

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "boards": list(Board.objects.values_list("slug", "thread_count", "post_count")),
        "threads": list(
            Thread.objects.order_by("pk").values_list(
                "title", "reply_count", "like_count", "follower_count"
            )
        ),
        "posts": Post.objects.count(),
        "likes": PostLike.objects.count(),
        "follows": ThreadFollow.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_demo_forum_has_every_feature_and_is_idempotent(settings, mailoutbox):
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()
    assert Board.objects.filter(kind="questions").count() >= 1
    assert Board.objects.count() >= 8
    assert Thread.objects.filter(board__kind="discussion").count() >= 12
    questions = Thread.objects.filter(board__kind="questions")
    assert questions.count() >= 3
    assert all(q.posts.filter(is_professional_answer=True).exists() for q in questions)
    # The professional's answers open with a short answer (seed 001).
    assert all(
        q.posts.filter(is_professional_answer=True).exclude(short_answer="").exists()
        for q in questions
    )
    assert Thread.objects.filter(reply_count__gte=60).exists()
    assert Post.objects.filter(parent__isnull=False).exists()  # nested replies
    assert Board.objects.filter(disclaimer__isnull=False).exists()
    assert Thread.objects.filter(
        disclaimer_versions__disclaimer__scope="board"
    ).exists()
    # Counters agree with the rows they count.
    for thread in Thread.objects.annotate(
        replies=Count(
            "posts",
            filter=Q(posts__is_opening=False, posts__status="published"),
            distinct=True,
        ),
        follows_=Count("follows", distinct=True),
    ):
        assert thread.reply_count == thread.replies
        assert thread.follower_count == thread.follows_
    assert mailoutbox == []  # the demo emails nobody
    # Demo members have been here before: most notifications read, a handful not.
    unread = Notification.objects.filter(read_at__isnull=True)
    assert 0 < unread.count() < Notification.objects.count() / 2
    call_command("seed_demo")
    assert snapshot() == first


def test_demo_moderation_has_reports_an_auto_hidden_and_a_pending_post_and_a_suspension(
    settings,
):
    from core.models import AuditEntry
    from forum.models import Report, Sanction
    from members.models import Profile

    settings.DEBUG = True
    call_command("seed_demo")
    open_reports = Report.objects.filter(status="open")
    assert open_reports.count() >= 3
    assert open_reports.filter(post__isnull=True).exists()  # a reported profile
    auto_hidden = Post.objects.get(status="hidden", auto_hidden=True)
    assert auto_hidden.reports.filter(status="open").count() == 3
    pending = Post.objects.get(status="pending")
    assert "links from a new member" in pending.held_for or "first" in pending.held_for
    suspended = Profile.objects.get(suspended_until__isnull=False)
    assert suspended.is_suspended
    assert Sanction.objects.get(kind="suspension").member_id == suspended.user_id
    hidden_by_moderator = Post.objects.get(status="hidden", auto_hidden=False)
    assert hidden_by_moderator.hidden_reason
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "post.hide",
        "member.suspend",
        "post.auto_hide",
    }
    before = (Report.objects.count(), AuditEntry.objects.count(), Post.objects.count())
    call_command("seed_demo")
    after = (Report.objects.count(), AuditEntry.objects.count(), Post.objects.count())
    assert after == before
