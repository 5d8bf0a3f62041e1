"""The Chinese demo Q&A: questions in Traditional Chinese answered by the professional."""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.utils import translation

from forum.models import Board, Thread
from members.models import Profile
from search.searching import run_search

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_chinese_qa_board_with_answered_questions(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    board = Board.objects.get(slug="zh-ask-a-professional")
    assert board.kind == Board.Kind.QUESTIONS
    questions = Thread.objects.filter(board=board)
    assert questions.count() >= 4
    for question in questions:
        answers = question.posts.filter(is_professional_answer=True)
        assert answers.exists()
        assert answers.first().author.profile.verified_professional
        profile = question.author.profile
        assert profile.language == Profile.Language.TRADITIONAL_CHINESE
        assert profile.age_range and profile.sex
    found = [result.title for result in run_search("硬皮").results]
    assert "硬皮症的手指冬天會發白發紫，怎麼保暖比較有用？" in found
    response = client.get(f"/zh-hant{board.get_absolute_url()}")
    assert response.status_code == HTTPStatus.OK
    assert "請教醫療專業人員" in response.content.decode()


def test_the_chinese_demo_shows_who_asks_and_who_answers_as_seed_001(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    question = Thread.objects.get(title="擦普特皮治療硬化性苔蘚，剛開始會刺痛正常嗎？")
    page = client.get(f"/zh-hant{question.get_absolute_url()}").content.decode()
    assert "美華（示範）" in page
    assert "年齡 50–59 歲" in page and "女性" in page
    assert "醫療專業人員 · 皮膚科" in page  # the demo gives the specialty in Chinese
    # The thread's disclaimers in Chinese: the demo translated the versions in force.
    assert "論壇免責聲明" in page and "沒有經過醫師審閱" in page
    assert "disclaimer-untranslated" not in page
    with translation.override("en"):
        english_path = question.get_absolute_url()
    english = client.get(english_path).content.decode()
    assert "not checked by doctors" in english


def test_the_demo_has_a_chinese_discussion_board_with_threads(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    board = Board.objects.get(slug="zh-daily-life")
    assert board.kind == Board.Kind.DISCUSSION
    assert board.language == "zh-hant"
    threads = Thread.objects.filter(board=board)
    assert threads.count() >= 3
    assert all(thread.reply_count >= 1 for thread in threads)
    page = client.get(f"/zh-hant{board.get_absolute_url()}").content.decode()
    assert "夏天到了，硬斑病的地方怎麼防曬？" in page
    # Running the demo again writes nothing new.
    before = Thread.objects.count()
    call_command("seed_demo")
    assert Thread.objects.count() == before
