"""New since your last visit: read positions kept in the cache as members read,
written in batches (cron, the worker, the member's next POST), and shown as
"New" / "N unread" on board lists and "threads with new posts" on the index."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.models import BoardRead, ThreadRead
from forum.selectors import annotate_unread_threads
from forum.services.reading import (
    flush_read_positions,
    record_read,
    save_read_positions,
)
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_post, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    user = make_user("member")
    accept_terms(user)
    return user


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def board_html(client, board) -> str:
    response = client.get(board.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def unread_of(user, thread):
    thread.refresh_from_db()
    annotate_unread_threads(user, [thread])
    return thread.unread


# Reading records a position without writing to the database ---------------------


def test_reading_a_thread_writes_nothing_to_the_database(reader_client, thread):
    with CaptureQueriesContext(connection) as queries:
        response = reader_client.get(thread.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []
    assert not ThreadRead.objects.exists()


def test_a_thread_never_opened_is_new_and_once_read_is_not(
    reader_client, board, thread
):
    assert "badge-new" in board_html(reader_client, board)
    reader_client.get(thread.get_absolute_url())
    # Shown as read at once, from the reads waiting in the cache.
    assert "badge-new" not in board_html(reader_client, board)


def test_new_replies_are_counted_and_the_link_jumps_to_the_first(
    reader_client, reader, board, thread
):
    reader_client.get(thread.get_absolute_url())
    first = make_post(thread, body="First new reply")
    make_post(thread, body="Second new reply")
    html = board_html(reader_client, board)
    assert "2 unread" in html
    assert reverse("forum:post-permalink", args=[first.pk]) in html
    assert unread_of(reader, thread).first_post_id == first.pk


def test_own_replies_are_never_unread(reader_client, reader, thread):
    reader_client.get(thread.get_absolute_url())
    make_post(thread, author=reader, body="My own reply")
    assert unread_of(reader, thread) is None


def test_visitors_see_no_markers(client, board, thread):
    html = board_html(client, board)
    assert "badge-new" not in html
    assert "Mark all read" not in html


def test_the_index_counts_threads_with_new_posts_per_board(
    reader_client, board, thread
):
    make_thread(board=board, title="Another one")
    html = reader_client.get(reverse("forum:index")).content.decode()
    assert "2 threads with new posts" in html
    reader_client.get(thread.get_absolute_url())
    html = reader_client.get(reverse("forum:index")).content.decode()
    assert "1 thread with new posts" in html


def test_mark_all_read_clears_a_boards_markers(reader_client, reader, board, thread):
    make_thread(board=board, title="Another one")
    response = reader_client.post(reverse("forum:board-mark-read", args=[board.slug]))
    assert response.status_code == HTTPStatus.FOUND
    assert BoardRead.objects.filter(user=reader, board=board).exists()
    assert "badge-new" not in board_html(reader_client, board)
    make_post(thread, body="After marking")
    assert "1 unread" in board_html(reader_client, board)


def test_mark_all_read_needs_a_post_and_a_member(client, board):
    response = client.post(reverse("forum:board-mark-read", args=[board.slug]))
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]
    assert not BoardRead.objects.exists()


def test_threads_quiet_for_longer_than_the_window_are_not_new(settings, reader, thread):
    settings.FORUM_UNREAD_DAYS = 1
    type(thread).objects.filter(pk=thread.pk).update(
        last_post_at=timezone.now() - timedelta(days=2),
        created_at=timezone.now() - timedelta(days=2),
    )
    assert unread_of(reader, thread) is None


# Writing positions out ----------------------------------------------------------


def test_the_command_writes_waiting_positions(reader_client, reader, thread):
    reader_client.get(thread.get_absolute_url())
    call_command("flush_read_positions")
    row = ThreadRead.objects.get(user=reader, thread=thread)
    assert row.last_read_post_id == thread.first_post_id
    # Written out: the cache can forget, the thread stays read.
    cache.clear()
    assert unread_of(reader, thread) is None


def test_the_members_next_post_writes_their_positions(reader_client, reader, thread):
    reader_client.get(thread.get_absolute_url())
    reader_client.post(reverse("forum:thread-follow", args=[thread.pk]))
    assert ThreadRead.objects.filter(user=reader, thread=thread).exists()


def test_a_position_never_moves_back(reader, thread):
    later = make_post(thread)
    now = timezone.now().timestamp()
    save_read_positions(reader.pk, {thread.pk: (later.pk, now)})
    save_read_positions(reader.pk, {thread.pk: (thread.first_post_id, now - 60)})
    row = ThreadRead.objects.get(user=reader, thread=thread)
    assert row.last_read_post_id == later.pk
    assert row.last_read_at.timestamp() == pytest.approx(now)


def test_two_sessions_reading_at_once_keep_the_furthest_position(reader, board):
    thread = make_thread(board=board)
    replies = [make_post(thread, body=f"Reply number {i}") for i in range(3)]
    phone, laptop = Client(), Client()
    phone.force_login(reader)
    laptop.force_login(reader)
    # Interleaved: the laptop saw the newest reply, the phone an older page.
    record_read(reader, thread, [replies[2]])
    record_read(reader, thread, [replies[0]])
    laptop.get(thread.get_absolute_url())
    phone.get(thread.get_absolute_url())
    assert unread_of(reader, thread) is None
    flush_read_positions(reader.pk)
    flush_read_positions()  # a second flush (cron) finds nothing new to undo
    row = ThreadRead.objects.get(user=reader, thread=thread)
    assert row.last_read_post_id == replies[2].pk
    newest = make_post(thread, body="Newest")
    assert unread_of(reader, thread).count == 1
    assert unread_of(reader, thread).first_post_id == newest.pk
