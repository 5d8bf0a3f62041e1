"""Redis round trips of a member's page view, counted on the wire (on Redis only:
the embedded local-memory cache has no round trips to count)."""

from contextlib import contextmanager
from datetime import UTC, datetime
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core.cache import cache
from redis.connection import AbstractConnection

from forum import read_buffer
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"),
        reason="counts Redis round trips: run with REDIS_URL (make test-postgres)",
    ),
]

# A signed-in member's thread page: 12 before reads were one script and the
# permissions' version travelled with them.
THREAD_PAGE_ROUND_TRIPS = 6


@contextmanager
def counting_round_trips(monkeypatch):
    sent: list[bytes] = []
    send = AbstractConnection.send_packed_command

    def counted(self, command, *args, **kwargs):
        sent.append(command)
        return send(self, command, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(AbstractConnection, "send_packed_command", counted)
        yield sent


def test_remembering_a_read_is_one_round_trip(monkeypatch):
    read_buffer.append(7, 1, 1, datetime.now(UTC))  # the script is loaded once
    with counting_round_trips(monkeypatch) as sent:
        # Two reads wait, the second site-wide; the thread had been read to post 1.
        assert read_buffer.append(7, 1, 2, datetime.now(UTC)) == (2, 2, 1)
    assert len(sent) == 1
    assert read_buffer.pending(7) == {
        1: (2, pytest.approx(datetime.now(UTC).timestamp(), abs=5))
    }


def test_a_read_waits_beside_reads_remembered_the_old_way(monkeypatch):
    """Counters made by `cache.incr` and by the script are the same counters."""
    cache.add(read_buffer.buffer._user_key(8, "n"), 0, 60)
    cache.incr(read_buffer.buffer._user_key(8, "n"))
    cache.set(read_buffer.buffer._user_key(8, 1), (3, 30, 1.0), 60)
    cache.set(read_buffer.buffer._user_key(8, "done"), 0, 60)
    assert read_buffer.append(8, 4, 40, datetime.now(UTC))[0] == 2
    assert set(read_buffer.pending(8)) == {3, 4}


def test_a_members_thread_page_makes_few_round_trips(client, board, monkeypatch):
    member = make_user("member")
    accept_terms(member)
    client.force_login(member)
    thread = make_thread(board=board, replies=30)
    client.get(thread.get_absolute_url())  # post headers rendered and shared
    with counting_round_trips(monkeypatch) as sent:
        response = client.get(thread.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    # The session; permissions with their version; the visitors' content version;
    # the shared post headers; the read (one script); the disclaimer in force.
    assert len(sent) <= THREAD_PAGE_ROUND_TRIPS, sent
