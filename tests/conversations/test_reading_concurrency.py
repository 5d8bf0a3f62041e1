"""Two members read a conversation while a third writes in it and cron flushes the
waiting reads, all at the same moment, outside any test transaction: each reader
then sees exactly the messages that came after the last page they were shown,
before the flush, after it, and once the cache has forgotten.

Needs PostgreSQL: real threads, each with its own connection and transaction
(`make test-postgres`; SQLite serializes writes).
"""

import re
import time
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from conversations.models import Message, Participant
from tests.conversations.factories import established, make_conversation
from tests.factories import restore_migration_data
from tests.forum.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent reads and writes need PostgreSQL (SQLite serializes).",
    ),
]

MESSAGES = 8
BADGE = re.compile(r'badge-count">(\d+)<')
SHOWN = re.compile(r"News number (\d+)\b")


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def test_two_members_read_while_a_third_writes():
    writer, readers = established(), [established(), established()]
    conversation = make_conversation(writer, *readers, body="News number 0")
    url = conversation.get_absolute_url()
    last_shown = {}

    def read(member):
        def action():
            device = Client()
            device.force_login(member)
            for _ in range(6):
                response = device.get(url)
                assert response.status_code == HTTPStatus.OK
                last_shown[member.pk] = max(
                    int(n) for n in SHOWN.findall(response.content.decode())
                )
                time.sleep(0.01)

        return action

    def write():
        device = Client()
        device.force_login(writer)
        for n in range(1, MESSAGES + 1):
            response = device.post(url, {"body": f"News number {n}"})
            assert response.status_code == HTTPStatus.FOUND, response

    def flush():
        for _ in range(3):
            call_command("flush_read_positions")
            time.sleep(0.02)

    assert run_together([read(readers[0]), read(readers[1]), write, flush]) == []
    assert Message.objects.filter(conversation=conversation).count() == MESSAGES + 1

    def inbox_badges(member) -> list[int]:
        device = Client()
        device.force_login(member)
        html = device.get(reverse("conversations:inbox")).content.decode()
        return [int(n) for n in BADGE.findall(html.split("<main", 1)[1])]

    expected = {m.pk: MESSAGES - last_shown[m.pk] for m in readers}
    for stage in ("waiting", "flushed", "forgotten"):
        if stage == "flushed":
            call_command("flush_read_positions")
        if stage == "forgotten":
            cache.clear()
        for member in readers:
            unread = expected[member.pk]
            assert inbox_badges(member) == ([unread] if unread else []), (
                stage,
                unread,
            )
    rows = Participant.objects.filter(conversation=conversation, user__in=readers)
    assert {row.user_id: row.unread_count for row in rows} == expected
    assert Participant.objects.get(user=writer).unread_count == 0
