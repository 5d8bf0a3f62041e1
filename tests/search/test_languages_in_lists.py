"""Lists of related things on a page prefer the page's language, and every item
written in another language says so with `lang` (a screen reader switches voice,
a browser picks Chinese glyphs): an English Q&A page lists its English questions
and articles first, and marks the Chinese ones."""

import re

import pytest

from forum.models import Board, Thread
from forum.services import create_reply
from tests.articles.factories import make_article, make_topic
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_thread

pytestmark = pytest.mark.django_db


def _section(page: str, heading_id: str) -> str:
    part = page[page.index(f'id="{heading_id}"') :]
    return part[: part.index("</section>")]


def _link(section: str, title: str) -> str:
    """The `<a …>` tag that opens `title`'s link."""
    match = re.search(r"<a [^>]*>" + re.escape(title), section)
    assert match, title
    return match.group(0)


@pytest.fixture
def qa_page():
    board = make_board(kind=Board.Kind.QUESTIONS, name="Ask a professional")
    topic = make_topic("Methotrexate")
    doctor = make_user("professional", display_name="Dr Wu", specialty="Rheumatology")
    accept_terms(doctor)
    question = make_thread(
        board=board, title="Methotrexate and tiredness", topics=[topic]
    )
    chinese = make_thread(board=board, title="Methotrexate 服用後很累", topics=[topic])
    make_thread(board=board, title="Methotrexate and nausea", topics=[topic])
    Thread.objects.filter(pk=chinese.pk).update(language="zh-hant")
    # The Chinese question is answered, the English one is not: by the old order
    # (answered first) the Chinese one came first on the English page.
    create_reply(chinese, actor=doctor, body="多休息，並和醫師討論劑量。")
    make_article(
        status="published",
        kind="news",
        title="關於 Methotrexate",
        language="zh-hant",
        topics=[topic],
    )
    make_article(
        status="published", kind="news", title="About methotrexate", topics=[topic]
    )
    return question


def test_an_english_qa_page_lists_english_first_and_marks_chinese_items(
    client, qa_page
):
    page = client.get(qa_page.get_absolute_url()).content.decode()

    faq = _section(page, "faq-heading")
    assert faq.index("Methotrexate and nausea") < faq.index("Methotrexate 服用後很累")
    assert 'lang="zh-Hant"' in _link(faq, "Methotrexate 服用後很累")
    assert "lang=" not in _link(faq, "Methotrexate and nausea")

    articles = _section(page, "related-heading")
    assert articles.index("About methotrexate") < articles.index("關於 Methotrexate")
    assert 'lang="zh-Hant"' in _link(articles, "關於 Methotrexate")
    assert "lang=" not in _link(articles, "About methotrexate")

    similar = _section(page, "similar-heading")
    assert 'lang="zh-Hant"' in _link(similar, "Methotrexate 服用後很累")
    assert "lang=" not in _link(similar, "Methotrexate and nausea")


def test_the_same_question_under_the_chinese_prefix_puts_chinese_first(client, qa_page):
    page = client.get("/zh-hant" + qa_page.get_absolute_url()).content.decode()
    faq = _section(page, "faq-heading")
    assert faq.index("Methotrexate 服用後很累") < faq.index("Methotrexate and nausea")
    assert 'lang="en"' in _link(faq, "Methotrexate and nausea")
    assert "lang=" not in _link(faq, "Methotrexate 服用後很累")
    similar = _section(page, "similar-heading")
    assert similar.index("Methotrexate 服用後很累") < similar.index(
        "Methotrexate and nausea"
    )
