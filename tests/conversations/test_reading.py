"""Reading a private conversation writes nothing to the database: the read is kept
in the cache (`core.read_buffer`), shown at once in the inbox and the header, and
written in batches (the member's next POST, every N reads site-wide, cron)."""

import re
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conversations.models import Participant
from conversations.read_buffer import buffer
from conversations.services import flush_read_marks, save_read_marks, send_message
from tests.conversations.factories import established, make_conversation
from tests.site.test_resilience import redis_down  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'badge-count">(\d+)<')


@pytest.fixture
def me():
    return established()


@pytest.fixture
def other():
    return established()


@pytest.fixture
def conversation(me, other):
    """`other` wrote to `me` three times: three unread."""
    conversation = make_conversation(other, me, body="Are you warm enough?")
    send_message(conversation, actor=other, body="The new gloves came.")
    send_message(conversation, actor=other, body="Tell me how you are.")
    return conversation


@pytest.fixture
def reader(client, me):
    client.force_login(me)
    return client


def place_of(user, conversation) -> Participant:
    return Participant.objects.get(user=user, conversation=conversation)


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]


def inbox_badges(client) -> list[int]:
    response = client.get(reverse("conversations:inbox"))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    return [int(n) for n in BADGE.findall(html.split("<main", 1)[1])]


def header_count(client) -> int:
    html = client.get(reverse("conversations:inbox")).content.decode()
    inbox = re.escape(reverse("conversations:inbox"))
    link = re.search(
        rf'<li><a href="{inbox}">[^<]*(?:<span class="badge-count">(\d+))?',
        html.split("<main", 1)[0],
    )
    return int(link.group(1) or 0)


# Reading writes nothing ------------------------------------------------------------


def test_reading_a_conversation_with_unread_messages_writes_nothing(
    reader, me, conversation
):
    before = place_of(me, conversation)
    with CaptureQueriesContext(connection) as queries:
        response = reader.get(conversation.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Tell me how you are." in response.content.decode()
    assert writes(queries) == []
    after = place_of(me, conversation)
    assert (after.unread_count, after.last_read_at) == (3, before.last_read_at)


def test_a_conversation_read_a_moment_ago_shows_as_read_everywhere(
    reader, conversation
):
    assert inbox_badges(reader) == [3]
    assert header_count(reader) == 3
    reader.get(conversation.get_absolute_url())
    assert inbox_badges(reader) == []
    assert header_count(reader) == 0


def test_messages_after_the_read_count_as_unread_again(reader, me, other, conversation):
    reader.get(conversation.get_absolute_url())
    send_message(conversation, actor=other, body="And one more thing.")
    # One new message, not the four the database still counts.
    assert place_of(me, conversation).unread_count == 4
    assert inbox_badges(reader) == [1]
    assert header_count(reader) == 1
    reader.get(conversation.get_absolute_url())
    assert inbox_badges(reader) == []


def test_only_the_conversation_read_is_marked(reader, me, other, conversation):
    elsewhere = make_conversation(established(), me, body="Hello from a stranger")
    reader.get(conversation.get_absolute_url())
    assert inbox_badges(reader) == [1]  # the other conversation is still unread
    assert header_count(reader) == 1
    reader.get(elsewhere.get_absolute_url())
    assert header_count(reader) == 0


def test_reads_are_the_readers_own(client, me, other, conversation):
    third = established()
    group = make_conversation(other, me, third, body="To both of you")
    client.force_login(me)
    client.get(group.get_absolute_url())
    client.force_login(third)
    assert inbox_badges(client) == [1]


def test_reading_again_adds_nothing_to_the_cache(reader, me, conversation):
    reader.get(conversation.get_absolute_url())
    reader.get(conversation.get_absolute_url())
    assert cache.get(buffer._user_key(me.pk, "n")) == 1  # one read waiting, not two


# Written in batches ----------------------------------------------------------------


def test_the_command_writes_the_read_and_the_cache_may_then_forget(
    reader, me, conversation
):
    reader.get(conversation.get_absolute_url())
    call_command("flush_read_positions")
    place = place_of(me, conversation)
    newest = conversation.messages.order_by("-created_at").first()
    assert (place.unread_count, place.last_read_at) == (0, newest.created_at)
    cache.clear()
    assert inbox_badges(reader) == []
    assert header_count(reader) == 0


def test_the_members_next_post_writes_their_reads(reader, me, conversation):
    reader.get(conversation.get_absolute_url())
    response = reader.post(
        reverse("conversations:start"),
        {"to": "Nobody", "body": "Just a preview", "preview": "1"},
    )
    assert response.status_code == HTTPStatus.OK
    assert place_of(me, conversation).unread_count == 0


def test_replying_writes_the_read_and_the_reply(reader, me, other, conversation):
    reader.get(conversation.get_absolute_url())
    response = reader.post(conversation.get_absolute_url(), {"body": "Warm now."})
    assert response.status_code == HTTPStatus.FOUND
    assert place_of(me, conversation).unread_count == 0
    assert place_of(other, conversation).unread_count == 1


def test_many_readers_write_nothing_until_cron_flushes(client, other):
    readers = [established() for _ in range(3)]
    conversation = make_conversation(other, *readers, body="News for you all")
    for reader in readers:
        client.force_login(reader)
        with CaptureQueriesContext(connection) as queries:
            client.get(conversation.get_absolute_url())
        assert writes(queries) == []
    assert [place_of(r, conversation).unread_count for r in readers] == [1, 1, 1]
    call_command("flush_read_positions")
    assert [place_of(r, conversation).unread_count for r in readers] == [0, 0, 0]


def test_a_flush_after_new_messages_counts_them_unread(reader, me, other, conversation):
    reader.get(conversation.get_absolute_url())
    send_message(conversation, actor=other, body="Arrived after you read.")
    send_message(conversation, actor=other, body="And this one too.")
    flush_read_marks()
    assert place_of(me, conversation).unread_count == 2
    cache.clear()
    assert inbox_badges(reader) == [2]


def test_an_older_read_never_moves_the_mark_back(me, other, conversation):
    messages = list(conversation.messages.order_by("created_at"))
    newest, oldest = messages[-1], messages[0]
    save_read_marks(
        me.pk, {conversation.pk: (newest.pk, newest.created_at.timestamp())}
    )
    save_read_marks(
        me.pk, {conversation.pk: (oldest.pk, oldest.created_at.timestamp())}
    )
    place = place_of(me, conversation)
    assert (place.unread_count, place.last_read_at) == (0, newest.created_at)


def test_a_read_of_a_conversation_left_meanwhile_changes_nothing(
    reader, me, conversation
):
    reader.get(conversation.get_absolute_url())
    reader.post(reverse("conversations:leave", args=[conversation.pk]))
    flush_read_marks()
    place = place_of(me, conversation)
    assert place.left_at is not None and place.unread_count == 0


# Costs and failures ----------------------------------------------------------------


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(captured)


def test_pending_reads_cost_the_inbox_no_query(reader, me, other, conversation):
    inbox = reverse("conversations:inbox")
    unread = _queries(reader, inbox)
    others = [make_conversation(established(), me) for _ in range(4)]
    for each in [conversation, *others]:
        reader.get(each.get_absolute_url())
    assert _queries(reader, inbox) == unread
    # Messages after a waiting read: one query counts them, for any number of rows.
    send_message(conversation, actor=other, body="Later")
    with_news = _queries(reader, inbox)
    for each in others:
        send_message(each, actor=each.started_by, body="Later too")
    assert _queries(reader, inbox) == with_news <= unread + 2


@pytest.mark.usefixtures("redis_down")
def test_with_the_cache_down_the_page_works_and_stays_unread(client, me, conversation):
    client.force_login(me)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "Tell me how you are." in response.content.decode()
    assert place_of(me, conversation).unread_count == 3  # only the read mark is lost
    assert client.get(reverse("conversations:inbox")).status_code == HTTPStatus.OK
    assert flush_read_marks() == 0
