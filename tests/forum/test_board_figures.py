"""What the forum index says of each board: visitors' counts and latest activity
leave members-only threads out, members see everything (issue 21, item 7).

A board keeps both sets of figures (`public_*` for visitors); moving a thread,
making it members-only or public again, recounting and the migration that filled
them in keep both right.
"""

import importlib
import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from forum.models import Board, Post, Thread
from forum.services import (
    make_thread_members_only,
    make_thread_public,
    move_thread,
    start_thread,
)
from forum.services.counters import recount_board
from forum.templatetags.forum_tags import iso_datetime
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

PUBLIC_TITLE = "Cold hands every morning"
SECRET_TITLE = "Flare after my second pregnancy"
FIGURES = (
    "thread_count",
    "post_count",
    "last_post_at",
    "last_thread_id",
    "public_thread_count",
    "public_post_count",
    "public_last_post_at",
    "public_last_thread_id",
)


def _written_days_ago(thread: Thread, days: int) -> Thread:
    """As if `thread` and its posts were written `days` days ago (its board's
    latest activity with them): the thread written now is then the latest."""
    shift = timedelta(days=days)
    for post in thread.posts.all():
        Post.objects.filter(pk=post.pk).update(created_at=post.created_at - shift)
    thread.refresh_from_db()
    Thread.objects.filter(pk=thread.pk).update(
        created_at=thread.created_at - shift, last_post_at=thread.last_post_at - shift
    )
    thread.refresh_from_db()
    Board.objects.filter(pk=thread.board_id, last_thread=thread).update(
        last_post_at=thread.last_post_at
    )
    Board.objects.filter(pk=thread.board_id, public_last_thread=thread).update(
        public_last_post_at=thread.last_post_at
    )
    return thread


@pytest.fixture
def author(db):
    user = make_user("member")
    accept_terms(user)
    return user


@pytest.fixture
def moderator(db):
    return make_user("moderator")


@pytest.fixture
def public(board):
    """A public thread of three posts, written yesterday."""
    return _written_days_ago(make_thread(board=board, title=PUBLIC_TITLE, replies=2), 1)


@pytest.fixture
def hidden(board, public, author):
    """A members-only thread of two posts, written now (the board's latest)."""
    thread = start_thread(
        board, actor=author, title=SECRET_TITLE, body="Only members.", members_only=True
    )
    make_post(thread, body="A reply only members read.")
    thread.refresh_from_db()
    return thread


def _row(client, board) -> str:
    """The forum index's row for `board`, as HTML."""
    response = client.get(reverse("forum:index"))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    start = page.index(f'href="{board.get_absolute_url()}"')
    return page[start : page.index("</tr>", start)]


def _counts(row: str) -> tuple[int, int]:
    threads = re.search(r"Threads</span> ([\d,]+)</td>", row).group(1)
    posts = re.search(r"Posts</span> ([\d,]+)</td>", row).group(1)
    return int(threads.replace(",", "")), int(posts.replace(",", ""))


def _as_member(client) -> None:
    member = make_user("member")
    accept_terms(member)
    client.force_login(member)


def _assert_as_counted_again(*boards: Board) -> None:
    """The figures kept as things happened are those counted from scratch."""
    for board in boards:
        kept = Board.objects.filter(pk=board.pk).values(*FIGURES).get()
        recount_board(board.pk)
        assert Board.objects.filter(pk=board.pk).values(*FIGURES).get() == kept


def test_a_visitor_sees_no_members_only_thread_in_the_boards_figures(
    client, board, public, hidden
):
    row = _row(client, board)
    assert _counts(row) == (1, 3)
    assert PUBLIC_TITLE in row
    assert iso_datetime(public.last_post_at) in row
    assert SECRET_TITLE not in row
    assert iso_datetime(hidden.last_post_at) not in row
    _assert_as_counted_again(board)


def test_a_member_sees_every_thread_in_the_boards_figures(
    client, board, public, hidden
):
    _as_member(client)
    row = _row(client, board)
    assert _counts(row) == (2, 5)
    assert SECRET_TITLE in row
    assert iso_datetime(hidden.last_post_at) in row


def test_the_board_page_shows_visitors_no_members_only_thread_nor_its_time(
    client, board, public, hidden
):
    page = client.get(board.get_absolute_url()).content.decode()
    assert PUBLIC_TITLE in page
    assert SECRET_TITLE not in page
    assert iso_datetime(hidden.last_post_at) not in page
    _as_member(client)
    page = client.get(board.get_absolute_url()).content.decode()
    assert SECRET_TITLE in page
    assert iso_datetime(hidden.last_post_at) in page


def test_a_board_with_only_members_only_threads_shows_visitors_nothing_yet(
    client, author
):
    board = make_board(name="Private matters", slug="private-matters")
    start_thread(
        board, actor=author, title=SECRET_TITLE, body="Only members.", members_only=True
    )
    row = _row(client, board)
    assert _counts(row) == (0, 0)
    assert "No posts yet" in row
    assert "<time" not in row
    _as_member(client)
    assert _counts(_row(client, board)) == (1, 1)


def test_moving_threads_keeps_both_boards_figures_right(
    client, board, public, hidden, moderator
):
    other = make_board(name="Daily life", slug="daily-life")
    move_thread(hidden, actor=moderator, board=other, reason="Better fit")
    row, other_row = _row(client, board), _row(client, other)
    assert _counts(row) == (1, 3) and PUBLIC_TITLE in row
    assert _counts(other_row) == (0, 0) and "No posts yet" in other_row
    _assert_as_counted_again(board, other)

    move_thread(public, actor=moderator, board=other, reason="Better fit")
    row, other_row = _row(client, board), _row(client, other)
    assert _counts(row) == (0, 0) and "No posts yet" in row
    assert _counts(other_row) == (1, 3) and PUBLIC_TITLE in other_row
    assert iso_datetime(public.last_post_at) in other_row
    assert SECRET_TITLE not in other_row
    _assert_as_counted_again(board, other)

    _as_member(client)
    other_row = _row(client, other)
    assert _counts(other_row) == (2, 5) and SECRET_TITLE in other_row


def test_making_a_thread_members_only_and_public_again_keeps_the_figures_right(
    client, board, public, hidden, moderator
):
    make_thread_members_only(public, actor=moderator, reason="Too personal")
    row = _row(client, board)
    assert _counts(row) == (0, 0)
    assert PUBLIC_TITLE not in row and "No posts yet" in row
    _assert_as_counted_again(board)

    make_thread_public(public, actor=moderator, reason="The author asked")
    make_thread_public(hidden, actor=moderator, reason="The author asked")
    row = _row(client, board)
    assert _counts(row) == (2, 5)
    assert SECRET_TITLE in row
    assert iso_datetime(hidden.last_post_at) in row
    _assert_as_counted_again(board)


def test_the_moderation_page_makes_a_thread_members_only(
    client, board, public, moderator
):
    client.force_login(moderator)
    response = client.post(
        reverse("forum:moderation-post", args=[public.first_post_id]),
        {"action": "members_only", "reason": "Names a clinic"},
        follow=True,
    )
    assert "The thread is for members only" in response.content.decode()
    assert Thread.objects.get(pk=public.pk).members_only
    client.logout()
    assert _counts(_row(client, board)) == (0, 0)
    _assert_as_counted_again(board)


def test_recounting_sets_both_figures_from_the_threads_and_posts(
    client, board, public, hidden
):
    right = Board.objects.filter(pk=board.pk).values(*FIGURES).get()
    Board.objects.filter(pk=board.pk).update(
        thread_count=40,
        post_count=40,
        public_thread_count=40,
        public_post_count=40,
        public_last_post_at=None,
        public_last_thread=hidden,
    )
    call_command("recount_boards", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Board.objects.filter(pk=board.pk).values(*FIGURES).get() == right
    assert _counts(_row(client, board)) == (1, 3)


def test_the_migration_fills_in_the_public_figures(client, board, public, hidden):
    right = Board.objects.filter(pk=board.pk).values(*FIGURES).get()
    Board.objects.filter(pk=board.pk).update(
        public_thread_count=0,
        public_post_count=0,
        public_last_post_at=None,
        public_last_thread=None,
    )
    migration = importlib.import_module("forum.migrations.0016_board_public_figures")
    migration.fill_public_figures(apps, None)
    assert Board.objects.filter(pk=board.pk).values(*FIGURES).get() == right
    assert right["public_last_thread_id"] == public.pk
    assert (right["public_thread_count"], right["public_post_count"]) == (1, 3)
    row = _row(client, board)
    assert PUBLIC_TITLE in row and _counts(row) == (1, 3)
