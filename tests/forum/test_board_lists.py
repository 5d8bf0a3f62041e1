"""Sorting and filtering a board's threads: a plain GET form with bounded choices."""

from http import HTTPStatus

import pytest
from django.test import Client

from forum.models import Board, Thread
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_thread

pytestmark = pytest.mark.django_db


def titles(client, board, **params) -> list[str]:
    response = client.get(board.get_absolute_url(), params)
    assert response.status_code == HTTPStatus.OK
    return [thread.title for thread in response.context["threads"]]


@pytest.fixture
def busy(board):
    old = make_thread(board=board, title="Old but active")
    liked = make_thread(board=board, title="Much liked", likes=3)
    new = make_thread(board=board, title="Brand new")
    make_post(old, body="Keeps it going")
    return old, liked, new


def test_latest_activity_is_the_default_with_pinned_threads_first(client, board, busy):
    pinned = make_thread(board=board, title="Read me first")
    Thread.objects.filter(pk=pinned.pk).update(is_pinned=True)
    assert titles(client, board) == [
        "Read me first",
        "Old but active",
        "Brand new",
        "Much liked",
    ]


def test_newest_first(client, board, busy):
    assert titles(client, board, order="newest") == [
        "Brand new",
        "Much liked",
        "Old but active",
    ]


def test_most_liked_first(client, board, busy):
    assert titles(client, board, order="liked")[0] == "Much liked"


def test_unanswered_and_answered_on_a_discussion_board(client, board, busy):
    assert set(titles(client, board, show="unanswered")) == {
        "Much liked",
        "Brand new",
    }
    assert titles(client, board, show="answered") == ["Old but active"]


def test_on_a_qa_board_only_a_professionals_answer_counts():
    board = make_board(kind=Board.Kind.QUESTIONS)
    answered = make_thread(board=board, title="Answered by a pro")
    make_post(answered, author=make_user("professional"), body="A general answer.")
    member_only = make_thread(board=board, title="Only members replied")
    make_post(member_only, body="Same here, no idea.")
    make_thread(board=board, title="Nobody replied")
    client = Client()
    assert titles(client, board, show="answered") == ["Answered by a pro"]
    assert set(titles(client, board, show="unanswered")) == {
        "Only members replied",
        "Nobody replied",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"order": "DROP TABLE"},
        {"show": "<script>"},
        {"order": ["newest", "liked"], "show": ""},
        {"order": "x" * 5000},
        {"page": "nope", "order": "liked"},
    ],
)
def test_unknown_choices_are_ignored(client, board, busy, params):
    response = client.get(board.get_absolute_url(), params)
    assert response.status_code == HTTPStatus.OK


def test_unknown_choices_give_the_default_list(client, board, busy):
    assert titles(client, board, order="sideways", show="maybe") == titles(
        client, board
    )


def test_the_form_is_a_plain_get_form_and_pages_keep_the_choices(
    client, settings, board
):
    settings.FORUM_THREADS_PER_PAGE = 2
    for n in range(3):
        make_thread(board=board, title=f"Thread number {n}")
    html = client.get(board.get_absolute_url(), {"order": "newest"}).content.decode()
    assert 'method="get"' in html
    assert 'name="order"' in html and 'name="show"' in html
    assert "?order=newest&amp;page=2" in html
