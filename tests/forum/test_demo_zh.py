"""The Chinese demo Q&A: questions in Traditional Chinese answered by the professional."""

from http import HTTPStatus

import pytest
from django.core.management import call_command

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
    assert questions.count() >= 3
    for question in questions:
        assert question.posts.filter(is_professional_answer=True).exists()
        assert question.author.profile.language == Profile.Language.TRADITIONAL_CHINESE
    found = [result.title for result in run_search("硬皮").results]
    assert "硬皮症的手指冬天會發白發紫，怎麼保暖比較有用？" in found
    response = client.get(f"/zh-hant{board.get_absolute_url()}")
    assert response.status_code == HTTPStatus.OK
    assert "請教醫療專業人員" in response.content.decode()
