"""The @mention suggestion endpoint the composers' script asks while a member types."""

import json
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.ratelimits import RULES, reset_rate
from forum.services.sanctions import ban_member, suspend_member
from members.models import Block
from tests.conversations.factories import established
from tests.factories import make_user

pytestmark = pytest.mark.django_db

URL = "members:mention-suggest"


def _ask(client, q, expect=HTTPStatus.OK):
    response = client.get(reverse(URL), {"q": q})
    assert response.status_code == expect
    assert response["Content-Type"] == "application/json"
    return response


def _names(client, q) -> list[str]:
    return [item["name"] for item in json.loads(_ask(client, q).content)["results"]]


def test_member_gets_matching_names_and_the_mention_text(client):
    make_user(display_name="Rosalind Ash")
    make_user(display_name="Rosa Park")
    make_user(display_name="Mary Rose")
    make_user(display_name="Tom Green")
    client.force_login(established())
    data = json.loads(_ask(client, "ros").content)
    names = [item["name"] for item in data["results"]]
    # Names that start with the letters first, then names with a word that does.
    assert names == ["Rosa Park", "Rosalind Ash", "Mary Rose"]
    assert data["results"][0] == {"name": "Rosa Park", "mention": "@Rosa Park"}
    assert set(data["results"][0]) == {"name", "mention"}  # no ids, no emails


def test_the_count_of_names_found_is_said_in_the_pages_language(client):
    make_user(display_name="Rosa Park")
    client.force_login(established())
    english = json.loads(_ask(client, "ros").content)["status"]
    assert english == "1 member found: use the up and down arrows, then Enter."
    with translation.override("zh-hant"):
        url = reverse(URL)
    chinese = json.loads(client.get(url, {"q": "ros"}).content)["status"]
    assert chinese == "找到 1 位會員：用上下方向鍵選擇，再按 Enter。"


def test_visitors_and_unverified_accounts_are_refused(client):
    make_user(display_name="Rosa Park")
    assert _ask(client, "ros", HTTPStatus.FORBIDDEN)
    client.force_login(make_user("unverified"))
    assert _ask(client, "ros", HTTPStatus.FORBIDDEN)


def test_the_endpoint_answers_only_get(client):
    client.force_login(established())
    assert client.post(reverse(URL), {"q": "ros"}).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )


@pytest.mark.parametrize("direction", ["viewer_blocked", "blocked_viewer"])
def test_blocked_members_are_never_suggested(client, direction):
    viewer = established()
    other = make_user(display_name="Rosa Park")
    make_user(display_name="Rosa Lind")
    if direction == "viewer_blocked":
        Block.objects.create(blocker=viewer, blocked=other)
    else:
        Block.objects.create(blocker=other, blocked=viewer)
    client.force_login(viewer)
    assert _names(client, "rosa") == ["Rosa Lind"]


def test_banned_members_and_oneself_are_not_suggested(client):
    banned = make_user(display_name="Rosa Park")
    banned.is_active = False
    banned.save(update_fields=["is_active"])
    me = make_user(display_name="Rosa Me", post_count=10)
    client.force_login(me)
    assert _names(client, "rosa") == []


def test_results_are_bounded(client):
    for n in range(15):
        make_user(display_name=f"Sam {n:02d}")
    client.force_login(established())
    assert len(_names(client, "sam")) == 8


def test_names_are_escaped_in_the_json(client):
    make_user(display_name="<b>Evil</b> & co")
    client.force_login(established())
    response = _ask(client, "<b>")
    body = response.content.decode()
    assert "<" not in body and ">" not in body and "&" not in body
    assert "\\u003Cb\\u003EEvil" in body
    assert json.loads(body)["results"][0]["name"] == "<b>Evil</b> & co"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_like_wildcards_are_plain_letters(client):
    make_user(display_name="Rosa Park")
    client.force_login(established())
    assert _names(client, "%%") == []
    assert _names(client, "__") == []


@pytest.mark.parametrize(
    "q", ["", "r", "x" * 31, "x" * 5000, "ro\x00sa", "ro\nsa", "ro\u202esa"]
)
def test_bad_queries_get_an_empty_list_never_an_error(client, q):
    make_user(display_name="Rosa Park")
    client.force_login(established())
    assert _names(client, q) == []


def test_names_in_traditional_chinese_are_found(client):
    make_user(display_name="王小明")
    client.force_login(established())
    assert _names(client, "王小") == ["王小明"]


def test_too_many_lookups_are_refused_with_retry_after(client):
    viewer = established()
    client.force_login(viewer)
    reset_rate("mention-suggest", viewer)
    for _ in range(RULES["mention-suggest"][0].count):
        _ask(client, "ros")
    response = _ask(client, "ros", HTTPStatus.TOO_MANY_REQUESTS)
    assert int(response["Retry-After"]) >= 1


def test_a_lookup_writes_nothing(client):
    make_user(display_name="Rosa Park")
    client.force_login(established())
    client.get(reverse(URL), {"q": "ro"})  # session and permissions loaded once
    with CaptureQueriesContext(connection) as queries:
        _ask(client, "ros")
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert len(queries.captured_queries) <= 6


def test_suspended_banned_and_deactivated_members_are_not_suggested(client):
    moderator = make_user("moderator")
    suspended = make_user(display_name="Rosa Suspended", post_count=10)
    banned = make_user(display_name="Rosa Banned", post_count=10)
    deactivated = make_user(display_name="Rosa Closed", post_count=10)
    make_user(display_name="Rosa Present")
    suspend_member(suspended, actor=moderator, days=7, reason="Rudeness")
    ban_member(banned, actor=moderator, reason="Spam")
    deactivated.is_active = False
    deactivated.save(update_fields=["is_active"])
    client.force_login(established())
    assert _names(client, "rosa") == ["Rosa Present"]


def test_a_member_whose_suspension_ended_is_suggested_again(client):
    make_user(
        display_name="Rosa Back",
        suspended_until=timezone.now() - timedelta(minutes=1),
    )
    client.force_login(established())
    assert _names(client, "rosa") == ["Rosa Back"]
