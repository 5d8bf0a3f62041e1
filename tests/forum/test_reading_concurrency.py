"""Read positions written at the same moment by many flushes (tabs, devices, cron
and the worker) keep the furthest one: an upsert with GREATEST on PostgreSQL.

Needs PostgreSQL: real threads, each with its own connection and transaction.
"""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from forum.models import ThreadRead
from forum.selectors import thread_page
from forum.services.reading import save_read_positions
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board, make_post, make_thread
from tests.forum.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent upserts need PostgreSQL (SQLite serializes writes).",
    ),
]

WORKERS = 12


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def test_concurrent_flushes_keep_the_furthest_position():
    reader = make_user("member")
    threads = [make_thread() for _ in range(3)]
    now = timezone.now().timestamp()

    def flush(n):
        # Each flush holds a different position for every thread, in any order.
        return lambda: save_read_positions(
            reader.pk,
            {thread.pk: (1000 + n, now + n) for thread in reversed(threads)},
        )

    errors = run_together([flush(n) for n in range(WORKERS)])
    assert errors == []
    rows = ThreadRead.objects.filter(user=reader)
    assert rows.count() == len(threads)
    assert {row.last_read_post_id for row in rows} == {1000 + WORKERS - 1}
    assert {row.last_read_at.timestamp() for row in rows} == {now + WORKERS - 1}


def test_members_reading_pages_at_once_get_the_right_unread_counts(settings):
    """Through the pages: three members read a thread's pages at the same moment,
    each on a phone and a laptop, while cron flushes run alongside; then the board
    page shows each of them exactly what they have not read, before and after the
    cache forgets (the positions are in the database by then)."""
    settings.FORUM_POSTS_PER_PAGE = 5
    board = make_board()
    thread = make_thread(board=board, title="Cold hands all winter")
    replies = [make_post(thread, body=f"Reply {n}") for n in range(14)]
    pages = 3  # the opening post and 14 replies, 5 top-level replies a page
    readers = {}
    for furthest in (1, 2, 3):  # how far each member reads
        member = make_user("member")
        accept_terms(member)
        readers[furthest] = member
    last_on = {
        page: thread_page(thread, readers[1], str(page)).posts[-1]
        for page in range(1, pages + 1)
    }
    assert last_on[pages] == replies[-1]

    def read(member, page_numbers):
        def action():
            device = Client()
            device.force_login(member)
            for number in page_numbers:
                response = device.get(thread.get_absolute_url(), {"page": number})
                assert response.status_code == HTTPStatus.OK

        return action

    actions = [lambda: call_command("flush_read_positions") for _ in range(3)]
    for furthest, member in readers.items():
        wanted = list(range(furthest, 0, -1))  # newest page first, then back
        actions.append(read(member, wanted[::2]))  # the phone
        actions.append(read(member, wanted[1::2] or wanted))  # the laptop
    assert run_together(actions) == []

    def unread_badges(member) -> str:
        device = Client()
        device.force_login(member)
        html = device.get(board.get_absolute_url()).content.decode()
        return html.split(thread.title, 1)[1].split("</li>", 1)[0]

    for forgotten in (False, True):
        if forgotten:
            call_command("flush_read_positions")
            cache.clear()
        for furthest, member in readers.items():
            unread = sum(post.pk > last_on[furthest].pk for post in replies)
            row = unread_badges(member)
            if unread:
                assert f"{unread} unread" in row, (furthest, forgotten, row)
            else:
                assert "badge-new" not in row, (furthest, forgotten, row)
    rows = ThreadRead.objects.filter(thread=thread).values_list(
        "user_id", "last_read_post_id"
    )
    assert dict(rows) == {m.pk: last_on[f].pk for f, m in readers.items()}
