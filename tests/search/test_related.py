"""Related content across the domains: similar questions and related articles on a
Q&A question (search.related, shown through its template tags)."""

import pytest

from forum.models import Board
from search.related import similar_questions
from tests.forum.factories import make_board, make_thread
from tests.forum.test_selectors import count_queries

pytestmark = pytest.mark.django_db


def test_similar_questions_share_words_with_the_title():
    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, title="Tacrolimus ointment burning on morphea")
    close = make_thread(board=qa, title="Burning after tacrolimus ointment")
    loose = make_thread(
        board=qa, title="Creams for tight skin", body="Does tacrolimus help?"
    )
    make_thread(board=qa, title="Eye checks on hydroxychloroquine")
    make_thread(board=make_board(), title="Tacrolimus ointment burning (discussion)")
    similar = [
        item.question.title for item in similar_questions(question, [], language="en")
    ]
    assert similar[0] == close.title
    assert question.title not in similar
    assert "Tacrolimus ointment burning (discussion)" not in similar
    assert loose.title in similar and similar.index(loose.title) > 0
    assert "Eye checks on hydroxychloroquine" not in similar


def test_question_page_lists_related_articles_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    from tests.articles.factories import make_published, make_topic

    topic = make_topic("Pimecrolimus")
    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, title="Pimecrolimus and sun", topics=[topic])
    make_published(title="Pimecrolimus: the drug page", topics=[topic])
    one = count_queries(client, question.get_absolute_url())
    for n in range(4):
        make_published(title=f"More on pimecrolimus {n}", topics=[topic])
    make_published(title="Unrelated news")
    with django_assert_max_num_queries(one):
        response = client.get(question.get_absolute_url())
    page = response.content.decode()
    related = page[page.index('id="related-heading"') :]
    assert "Pimecrolimus: the drug page" in related
    assert "More on pimecrolimus 3" in related
    assert "Unrelated news" not in related


def test_related_discussions_are_ranked_once_per_content_version(
    django_assert_num_queries,
):
    from core import pagecache
    from search.related import related_discussions
    from tests.articles.factories import make_published

    article = make_published(title="Tacrolimus ointment for morphea")
    make_thread(title="Tacrolimus ointment burning")
    first = related_discussions(article, [], language="en")
    assert [result.title for result in first] == ["Tacrolimus ointment burning"]
    with django_assert_num_queries(0):
        assert related_discussions(article, [], language="en") == first
    make_thread(title="Does tacrolimus ointment help morphea?")  # bumps the version
    assert len(related_discussions(article, [], language="en")) == 2
    pagecache.bump()
    with django_assert_num_queries(1):
        related_discussions(article, [], language="en")
