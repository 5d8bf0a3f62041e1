"""Chinese search: character pairs make two-character queries find what holds them.
The same tests run on SQLite (FTS5) and PostgreSQL (make test-postgres)."""

from http import HTTPStatus

import pytest

from search.cjk import index_terms, query_terms
from search.query import parse, words_from
from search.searching import run_search, similar_threads
from tests.articles.factories import make_published
from tests.forum.factories import make_post, make_thread

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return sorted(result.title for result in results.results)


@pytest.fixture
def chinese_threads():
    lupus = make_thread(
        title="擦普特皮之後紅斑變淡了",
        body="我的紅斑性狼瘡在臉上有紅斑，皮膚科醫師開了普特皮，擦了兩週比較淡。",
    )
    scleroderma = make_thread(
        title="硬皮症的手指很緊怎麼辦",
        body="冬天手指僵硬，硬皮的地方很乾。",
    )
    make_post(scleroderma, body="晚上會癢，擦乳液有幫助。")
    english = make_thread(
        title="Tacrolimus and itching", body="Itching for the first week."
    )
    return {"lupus": lupus, "scleroderma": scleroderma, "english": english}


def test_chinese_text_is_indexed_as_characters_and_pairs():
    assert index_terms("紅斑性狼瘡", "癢") == "紅 斑 性 狼 瘡 紅斑 斑性 性狼 狼瘡 癢"
    assert index_terms("Only English here") == ""


def test_a_query_turns_its_chinese_into_pairs_and_keeps_english_words():
    assert query_terms("紅斑性狼瘡") == ["紅斑", "斑性", "性狼", "狼瘡"]
    assert query_terms("癢") == ["癢"]
    assert parse("tacrolimus 紅斑").terms == ("tacrolimus", "紅斑")
    assert parse("Tacrolimus").terms == ("tacrolimus",)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("紅斑", ["擦普特皮之後紅斑變淡了"]),
        ("硬皮", ["硬皮症的手指很緊怎麼辦"]),
        ("普特皮", ["擦普特皮之後紅斑變淡了"]),
        ("紅斑性狼瘡", ["擦普特皮之後紅斑變淡了"]),
        ("皮膚科醫師", ["擦普特皮之後紅斑變淡了"]),
        ("手指", ["硬皮症的手指很緊怎麼辦"]),
        ("itching", ["Tacrolimus and itching"]),
    ],
)
def test_a_chinese_query_finds_the_posts_that_contain_it(
    chinese_threads, query, expected
):
    assert titles(run_search(query)) == expected


def test_one_character_finds_it_in_a_reply(chinese_threads):
    results = run_search("癢").results
    assert [result.kind for result in results] == ["post"]


def test_pairs_that_are_not_in_the_text_find_nothing(chinese_threads):
    assert titles(run_search("狼瘡手指")) == []
    assert titles(run_search("紅豆")) == []


def test_articles_are_found_in_chinese_too():
    make_published(title="局部硬皮症（硬斑病）", body="硬斑病是侷限在皮膚的硬皮症。")
    assert titles(run_search("硬斑")) == ["局部硬皮症（硬斑病）"]


def test_similar_questions_work_from_a_chinese_title(chinese_threads):
    assert "硬皮" in words_from("硬皮症的手指")
    found = similar_threads(
        "臉上的紅斑怎麼辦", exclude_post_id=chinese_threads["english"].first_post_id
    )
    # Sharing 紅斑 outranks sharing only 怎麼辦.
    assert found[0].title == "擦普特皮之後紅斑變淡了"


def test_the_chinese_search_page_finds_chinese_posts(client, chinese_threads):
    response = client.get("/zh-hant/search/", {"q": "紅斑"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "擦普特皮之後紅斑變淡了" in html
    assert "硬皮症的手指很緊怎麼辦" not in html
