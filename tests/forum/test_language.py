"""Boards written in a language: threads take it; readers see theirs first."""

import pytest

from core.languages import Language
from forum.selectors import active_threads, list_board_groups
from tests.forum.factories import make_board, make_group, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_boards():
    english = make_board(group=make_group("Conditions"), name="Lupus")
    chinese = make_board(
        group=make_group("中文討論區"),
        name="請教醫療專業人員",
        language=Language.TRADITIONAL_CHINESE,
    )
    return english, chinese


def test_a_thread_takes_the_language_of_its_board(two_boards):
    english, chinese = two_boards
    assert make_thread(board=chinese).language == Language.TRADITIONAL_CHINESE
    assert make_thread(board=english).language == Language.ENGLISH


def test_the_forum_index_shows_the_readers_language_first(client, two_boards):
    english_page = client.get("/forum/").content.decode()
    chinese_page = client.get("/zh-hant/forum/").content.decode()
    assert english_page.index("Lupus") < english_page.index("請教醫療專業人員")
    assert chinese_page.index("請教醫療專業人員") < chinese_page.index("Lupus")
    names = [group.name for group in list_board_groups()]
    assert names == ["Conditions", "中文討論區"]


def test_active_discussions_show_the_readers_language_first(two_boards, member):
    english, chinese = two_boards
    chinese_thread = make_thread(board=chinese, title="紅斑性狼瘡的眼科檢查")
    english_thread = make_thread(board=english, title="Eye checks")
    assert active_threads(member, language="zh-hant")[:2] == [
        chinese_thread,
        english_thread,
    ]
    assert active_threads(member, language="en")[:2] == [
        english_thread,
        chinese_thread,
    ]
