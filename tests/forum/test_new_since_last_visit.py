"""A member coming back to a thread sees which replies are new since their last
visit: a divider before the first and a "New" label on each, by others only,
whether their last read is still waiting in the cache or already written out, and
nothing on a first visit or for a visitor. The page view writes nothing."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.services.reading import flush_read_positions
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

DIVIDER = 'class="new-since"'


def _new_posts(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'post-new" id="post-(\d+)"', page)]


def _after_divider(page: str) -> int | None:
    if DIVIDER not in page:
        return None
    rest = page[page.index(DIVIDER) :]
    return int(re.search(r'id="post-(\d+)"', rest).group(1))


@pytest.fixture
def scene(client):
    reader = make_user("member", display_name="Reader")
    accept_terms(reader)
    thread = make_thread(board=make_board(), title="Cold fingers in the morning")
    old = [make_post(thread) for _ in range(2)]
    client.force_login(reader)
    return reader, thread, old


@pytest.mark.parametrize("written_out", [False, True])
def test_replies_since_the_last_visit_are_marked_new(client, scene, written_out):
    reader, thread, old = scene
    first = client.get(thread.get_absolute_url()).content.decode()
    assert DIVIDER not in first and _new_posts(first) == []  # a first visit
    if written_out:
        flush_read_positions(reader.pk)
    mine = make_post(thread, author=reader)
    new = [make_post(thread) for _ in range(2)]

    page = client.get(thread.get_absolute_url()).content.decode()
    assert _new_posts(page) == [post.pk for post in new]
    assert _after_divider(page) == new[0].pk
    assert "New since your last visit" in page
    assert mine.pk not in _new_posts(page) and old[0].pk not in _new_posts(page)

    # Read now: the next visit shows nothing new.
    again = client.get(thread.get_absolute_url()).content.decode()
    assert DIVIDER not in again and _new_posts(again) == []


def test_the_page_view_writes_nothing(client, scene):
    _reader, thread, _old = scene
    client.get(thread.get_absolute_url())
    make_post(thread)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(thread.get_absolute_url()).content.decode()
    assert DIVIDER in page
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_mark_all_read_counts_as_a_visit(client, scene):
    reader, thread, _old = scene
    client.post(reverse("forum:board-mark-read", args=[thread.board.slug]))
    new = make_post(thread)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert _new_posts(page) == [new.pk]
    assert _after_divider(page) == new.pk


def test_a_visitor_sees_no_new_marks_and_chinese_pages_say_it_in_chinese(client, scene):
    _reader, thread, _old = scene
    client.get(thread.get_absolute_url())
    make_post(thread)
    page = client.get("/zh-hant" + thread.get_absolute_url()).content.decode()
    assert "上次來訪後的新回覆" in page
    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert DIVIDER not in page and _new_posts(page) == []
