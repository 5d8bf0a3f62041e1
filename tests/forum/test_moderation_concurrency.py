"""Reports, auto-hide and moderator actions at the same moment keep counters and
states exact (PostgreSQL: each thread has its own connection and transaction)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from core.models import AuditEntry
from forum.models import Board, Post, Report, Thread
from forum.services import hide_post, remove_post, report_post
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import make_board, make_thread
from tests.forum.test_concurrency import WORKERS, _members, run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrency needs PostgreSQL (SQLite serializes writes).",
    ),
]


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def test_simultaneous_reports_auto_hide_once_and_count_exactly():
    board = make_board()
    thread = make_thread(board=board, replies=1)
    post = thread.posts.get(is_opening=False)
    reporters = _members(WORKERS)
    errors = run_together(
        [
            (lambda r=reporter: report_post(post, actor=r, reason="spam"))
            for reporter in reporters
        ]
    )
    # The post's row lock serializes them: the third report hides the post, and
    # the later reporters no longer see it, so they are refused.
    assert len(errors) == WORKERS - 3
    assert all(isinstance(error, PermissionDenied) for error in errors)
    assert Report.objects.filter(post=post, status="open").count() == 3
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN and post.auto_hidden
    assert AuditEntry.objects.filter(action="post.auto_hide").count() == 1
    thread.refresh_from_db()
    board.refresh_from_db()
    assert (thread.reply_count, board.post_count) == (0, 1)


def test_two_moderators_acting_on_one_post_at_once_count_it_out_once():
    board = make_board()
    thread = make_thread(board=board, replies=1)
    post = thread.posts.get(is_opening=False)
    first, second = make_user("moderator"), make_user("moderator")
    errors = run_together(
        [
            lambda: hide_post(post, actor=first, reason="Rude"),
            lambda: remove_post(post, actor=second, reason="Rude"),
        ]
    )
    # Whichever came second still acted on the state the first left behind.
    assert len(errors) <= 1
    thread = Thread.objects.get(pk=thread.pk)
    board = Board.objects.get(pk=board.pk)
    assert (thread.reply_count, board.post_count) == (0, 1)
