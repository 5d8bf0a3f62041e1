"""Times and avatars follow the page's language: relative times in Chinese read with
Chinese punctuation, a sign-in time reads naturally, the draft's saved time is the
server's (never the browser's "AM"), and a Chinese name's avatar shows its own
first characters."""

import json
import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.dates import relative_time
from forum.models import Thread
from tests.factories import PASSWORD, make_user
from tests.forum.factories import accept_terms, make_board, make_thread

pytestmark = pytest.mark.django_db

CHINESE = "zh-hant"


def zh_url(name: str, *args) -> str:
    with translation.override(CHINESE):
        return reverse(name, args=args)


def text(response) -> str:
    assert response.status_code == HTTPStatus.OK
    return response.content.decode().replace("\xa0", " ")


def test_a_relative_time_in_chinese_uses_chinese_punctuation(client):
    board = make_board(name="Morphea", slug="morphea")
    thread = make_thread(board=board, title="冬天皮膚會比較緊嗎？")
    earlier = timezone.now() - timedelta(days=1, hours=23, minutes=5)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=earlier)
    page = text(client.get(zh_url("forum:board-detail", board.slug)))
    assert "1 日，23 小時前" in page
    assert "日, " not in page
    with translation.override("en"):
        english = text(client.get(board.get_absolute_url()))
    assert "1 day, 23 hours ago" in english


def test_the_one_helper_writes_both_languages():
    earlier = timezone.now() - timedelta(days=1, hours=23, minutes=5)
    with translation.override(CHINESE):
        assert relative_time(earlier).replace("\xa0", " ") == "1 日，23 小時前"
    with translation.override("en"):
        assert relative_time(earlier).replace("\xa0", " ") == "1 day, 23 hours ago"


def test_a_sign_in_time_reads_naturally_in_chinese(client):
    member = make_user("member")
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD}
    )
    assert response.status_code == HTTPStatus.FOUND
    page = text(client.get(zh_url("accounts:devices")))
    assert re.search(r"(\d+ (秒|分鐘)前|現在)登入", page)
    assert "登入於" not in page


def test_the_draft_saved_time_is_written_by_the_server_in_the_pages_language(client):
    member = make_user("member")
    accept_terms(member)
    thread = make_thread()
    client.force_login(member)
    response = client.post(
        zh_url("forum:draft-save"),
        {"thread": thread.pk, "body": "打到一半"},
        HTTP_ACCEPT="application/json",
    )
    status = json.loads(response.content)["status"]
    translation.activate("en")
    assert re.fullmatch(r"草稿已於 \d\d:\d\d 儲存。", status), status
    response = client.post(
        reverse("forum:draft-save"),
        {"thread": thread.pk, "body": "Typed so far"},
        HTTP_ACCEPT="application/json",
    )
    status = json.loads(response.content)["status"]
    assert re.fullmatch(r"Draft saved at \d\d:\d\d\.", status), status


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("美華（示範）", "美華"),
        ("陳美華", "陳"),
        ("Sam (demo)", "SD"),
        ("Maple (示範)", "M"),
    ],
)
def test_an_avatar_shows_the_names_own_first_characters(client, name, shown):
    author = make_user("member", display_name=name)
    thread = make_thread(author=author, title="冬天皮膚會比較緊嗎？")
    with translation.override(CHINESE):
        url = thread.get_absolute_url()
    page = text(client.get(url))
    avatars = re.findall(r'<svg class="avatar".*?<text[^>]*>([^<]*)</text>', page)
    assert avatars and avatars[0] == shown
