"""Site search through the page. The same tests run on SQLite (FTS5) and PostgreSQL."""

import datetime
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from forum.models import Board, Post, Thread
from forum.services import edit_post, start_thread
from search.models import SearchEntry
from search.searching import run_search, similar_threads
from tests.articles.factories import (
    make_article,
    make_channel,
    make_published,
    make_topic,
)
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


def titles(response) -> list[str]:
    return [r.title for r in response.context["results"].results]


def search_page(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == HTTPStatus.OK
    return response


# Ranking and highlighting ----------------------------------------------------


def test_a_title_match_outranks_a_body_match(client):
    make_published(
        title="Living well with morphea",
        body="Some people use **tacrolimus** ointment on active patches.",
    )
    make_published(
        title="Tacrolimus ointment explained", body="How the ointment works."
    )
    assert titles(search_page(client, q="tacrolimus")) == [
        "Tacrolimus ointment explained",
        "Living well with morphea",
    ]


def test_a_thread_title_outranks_a_reply_that_mentions_the_word(client):
    other = make_thread(title="Tips for dry skin in winter", body="Moisturise often.")
    make_post(other, body="My dermatologist suggested pimecrolimus cream for this.")
    make_thread(title="Pimecrolimus cream: your experience?", body="Just started it.")
    assert titles(search_page(client, q="pimecrolimus")) == [
        "Pimecrolimus cream: your experience?",
        "Tips for dry skin in winter",
    ]


def test_stemming_finds_other_forms_of_a_word(client):
    make_thread(title="Burning after the first application", body="It stings.")
    assert titles(search_page(client, q="burns")) == [
        "Burning after the first application"
    ]


def test_excerpts_mark_the_matching_words_and_escape_everything_else(client):
    make_thread(
        title="Odd characters",
        body="I typed <script>alert(1)</script> by mistake while asking about methotrexate.",
    )
    html = search_page(client, q="methotrexate").content.decode()
    assert "<mark>methotrexate</mark>" in html
    assert "alert(1)" in html  # the text is shown…
    assert "<script>alert(1)" not in html  # …never as markup


def test_each_result_shows_title_kind_date_place_and_link(client):
    channel = make_channel("Drugs")
    article = make_published(title="Mycophenolate basics", channel=channel)
    response = search_page(client, q="mycophenolate")
    html = response.content.decode()
    assert f'href="{article.get_absolute_url()}"' in html
    assert "News · Drugs ·" in html
    assert (
        f'datetime="{article.first_published_at.isoformat()}"' in html
        or "<time" in html
    )


def test_a_reply_result_links_to_its_permalink(client):
    thread = make_thread(title="Sleep and fatigue")
    reply = make_post(thread, body="Hydroxychloroquine made me sleepy at first.")
    html = search_page(client, q="hydroxychloroquine").content.decode()
    assert f'href="{reply.get_absolute_url()}"' in html


# Visibility -------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["visitor", "unverified", "member", "professional", "editor", "moderator"]
)
def test_nobody_finds_drafts_scheduled_expired_or_unpublished_articles(
    client, login_as, role
):
    make_article(status="draft", title="Draft about sirolimus")
    make_article(status="in-review", title="Review about sirolimus")
    make_article(status="scheduled", title="Scheduled about sirolimus")
    make_article(status="unpublished", title="Unpublished about sirolimus")
    make_article(status="archived", title="Archived about sirolimus")
    expiring = make_published(title="Expired about sirolimus")
    Article.objects.filter(pk=expiring.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=2),
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    make_published(title="Published about sirolimus")
    login_as(role)
    assert titles(search_page(client, q="sirolimus")) == ["Published about sirolimus"]


@pytest.mark.parametrize("role", ["visitor", "member", "moderator"])
def test_nobody_finds_pending_hidden_or_deleted_posts(client, login_as, role):
    thread = make_thread(title="Daily life", body="Opening words.")
    shown = make_post(thread, body="Azathioprine visible reply.")
    for status in (Post.Status.PENDING, Post.Status.HIDDEN, Post.Status.DELETED):
        post = make_post(thread, body=f"Azathioprine {status} reply.")
        Post.objects.filter(pk=post.pk).update(status=status)
    hidden_thread = make_thread(title="Azathioprine hidden thread", body="Opening.")
    Post.objects.filter(pk=hidden_thread.first_post_id).update(
        status=Post.Status.HIDDEN
    )
    make_post(hidden_thread, body="Azathioprine reply in a hidden thread.")
    login_as(role)
    results = search_page(client, q="azathioprine").context["results"].results
    assert [r.url for r in results] == [shown.get_absolute_url()]


# Odd queries -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word such as"),
        ("   ", "Type a word such as"),
        ("?!…,.;:()[]{}\"'", "Please type at least one word"),
        ("a" * 201, "at most 200 characters"),
    ],
)
def test_odd_queries_give_a_clear_page(client, query, message):
    html = search_page(client, q=query).content.decode()
    assert message in html


@pytest.mark.parametrize(
    "query",
    [
        '"unterminated',
        "NEAR(tacrolimus",
        "tacrolimus OR",
        "* AND NOT",
        "col:value ^start",
        "' OR 1=1 --",
        "tacro\x00limus",
        "🙂 emoji",
        "a & b | !c <-> d:*",
    ],
)
def test_query_syntax_characters_never_cause_an_error(client, query):
    make_thread(title="Tacrolimus and alcohol", body="Flushing after a glass of wine.")
    search_page(client, q=query)


def test_non_latin_queries_work(client):
    make_thread(title="Pimecrolimus (普特皮) questions", body="Asked in two languages.")
    assert titles(search_page(client, q="普特皮")) == [
        "Pimecrolimus (普特皮) questions"
    ]
    html = search_page(client, q="红斑狼疮").content.decode()
    assert "Nothing matches" in html


def test_accents_are_ignored(client):
    make_thread(title="Sjögren syndrome and dry eyes", body="Drops help.")
    assert titles(search_page(client, q="sjogren")) == ["Sjögren syndrome and dry eyes"]


# Filters and pagination ------------------------------------------------------


def test_filters_by_kind_channel_board_and_date(client):
    drugs, guides = (
        make_channel("Drugs", slug="drugs"),
        make_channel("Guides", slug="guides"),
    )
    make_published(title="Methotrexate dosing", channel=drugs)
    make_published(title="Methotrexate and pregnancy", channel=guides)
    board = make_board(name="Treatments", slug="treatments")
    old = make_thread(board=board, title="Methotrexate nausea tips")
    make_thread(title="Methotrexate elsewhere")
    SearchEntry.objects.filter(post=old.first_post).update(
        published_at=timezone.now() - datetime.timedelta(days=60)
    )
    assert sorted(titles(search_page(client, q="methotrexate", kind="articles"))) == [
        "Methotrexate and pregnancy",
        "Methotrexate dosing",
    ]
    assert titles(search_page(client, q="methotrexate", channel="drugs")) == [
        "Methotrexate dosing"
    ]
    assert titles(search_page(client, q="methotrexate", board="treatments")) == [
        "Methotrexate nausea tips"
    ]
    assert "Methotrexate nausea tips" not in titles(
        search_page(client, q="methotrexate", period="month")
    )
    assert len(titles(search_page(client, q="methotrexate", kind="nonsense"))) == 4


def test_results_paginate_and_keep_the_filters(client):
    thread = make_thread(title="Raynaud tips")
    for i in range(24):
        make_post(thread, body=f"Raynaud tip number {i}: keep hands warm.")
    first = search_page(client, q="raynaud", kind="discussions")
    assert first.context["results"].total == 25
    assert len(first.context["results"].results) == 20
    assert "q=raynaud&amp;kind=discussions&amp;page=2" in first.content.decode()
    second = search_page(client, q="raynaud", kind="discussions", page=2)
    assert len(second.context["results"].results) == 5
    assert (
        search_page(client, q="raynaud", page="999").context["results"].page.number == 2
    )
    assert (
        search_page(client, q="raynaud", page="x").context["results"].page.number == 1
    )


def test_a_search_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    thread = make_thread(title="Fatigue and lupus")
    for i in range(3):
        make_post(thread, body=f"Fatigue story {i}.")
    make_published(title="Fatigue in lupus")
    with django_assert_max_num_queries(5) as few:
        search_page(client, q="fatigue")
    for i in range(30):
        make_post(thread, body=f"More fatigue story {i}.")
    for _ in range(5):
        make_published(title="Fatigue again")
    with django_assert_max_num_queries(len(few.captured_queries)):
        search_page(client, q="fatigue")


def test_the_header_on_every_page_has_a_search_box(client):
    html = client.get(reverse("home")).content.decode()
    assert f'action="{SEARCH}"' in html and 'name="q"' in html


# Kept current by the services ------------------------------------------------


def test_new_and_edited_posts_are_found_at_once(client):
    author = make_user("member")
    accept_terms(author)
    thread = start_thread(
        make_board(), actor=author, title="Scalp itching", body="Any ideas?"
    )
    assert titles(search_page(client, q="itching")) == ["Scalp itching"]
    edit_post(thread.first_post, actor=author, body="Now about cyclosporine instead.")
    assert titles(search_page(client, q="cyclosporine")) == ["Scalp itching"]
    assert search_page(client, q="ideas").context["results"].total == 0


def test_publishing_and_unpublishing_an_article_changes_what_is_found(client):
    article = make_article(status="draft", title="Hydroxychloroquine eye checks")
    assert titles(search_page(client, q="hydroxychloroquine")) == []
    from articles import services

    services.submit_for_review(article, actor=make_user("editor"))
    editor = make_user("editor")
    services.publish_article(Article.objects.get(pk=article.pk), actor=editor)
    assert titles(search_page(client, q="hydroxychloroquine")) == [
        "Hydroxychloroquine eye checks"
    ]
    services.unpublish_article(Article.objects.get(pk=article.pk), actor=editor)
    assert titles(search_page(client, q="hydroxychloroquine")) == []


def test_rebuild_command_is_idempotent_and_reports_progress(capsys):
    make_published(title="Rituximab infusion day")
    make_thread(title="Rituximab experiences", replies=3)
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", batch_size=2)
    out = capsys.readouterr().out
    assert "articles: 1/1" in out and "posts: 2/4" in out and "posts: 4/4" in out
    counts = SearchEntry.objects.count()
    call_command("rebuild_search_index")
    assert SearchEntry.objects.count() == counts == 5
    assert run_search("rituximab").total == 2


# Similar questions and related discussions -----------------------------------


def test_similar_questions_come_from_the_same_search_and_exclude_the_question(client):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    topic = make_topic("Morphea")
    question = make_thread(
        board=qa, title="Tacrolimus ointment for morphea on the arm", topics=[topic]
    )
    make_thread(board=qa, title="How long before tacrolimus works?")
    make_thread(board=qa, title="Unrelated question about sleep")
    make_thread(title="Tacrolimus chat on a discussion board")
    found = similar_threads(
        question.title,
        "Morphea",
        exclude_post_id=question.first_post_id,
        questions_only=True,
    )
    assert [r.title for r in found] == ["How long before tacrolimus works?"]
    html = client.get(question.get_absolute_url()).content.decode()
    assert "How long before tacrolimus works?" in html
    assert html.count("Tacrolimus ointment for morphea on the arm") >= 1


def test_article_pages_show_related_discussions(client):
    topic = make_topic("Lichen sclerosus")
    article = make_published(title="Lichen sclerosus: a guide", topics=[topic])
    thread = make_thread(title="Newly diagnosed with lichen sclerosus")
    make_thread(title="Completely different subject")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Related discussions" in html
    assert thread.get_absolute_url() in html
    assert "Completely different subject" not in html


def test_threads_are_indexed_under_their_title_once(client):
    thread = make_thread(title="Counting entries")
    make_post(thread)
    make_post(thread)
    assert SearchEntry.objects.filter(post__thread=thread, kind="thread").count() == 1
    assert SearchEntry.objects.filter(post__thread=thread, kind="post").count() == 2
    assert Thread.objects.count() == 1


def test_counting_stops_at_a_cap_for_very_common_words(client, monkeypatch):
    monkeypatch.setattr("search.searching.MAX_COUNTED", 3)
    thread = make_thread(title="Skin care routine")
    for i in range(4):
        make_post(thread, body=f"My skin routine, version {i}.")
    response = search_page(client, q="skin")
    assert response.context["results"].total == 3
    assert "More than 3 results for “skin”" in response.content.decode()


def test_only_the_newest_matches_are_ranked(client, monkeypatch):
    # A common word matches thousands of entries: ranking reads each one's text,
    # so only the newest few are ranked; an older, better match needs a filter.
    monkeypatch.setattr("search.searching.RANKED_CANDIDATES", 2)
    make_thread(title="Hydroxychloroquine eye checks", body="Yearly, they said.")
    make_thread(title="Tired today", body="Is hydroxychloroquine making me tired?")
    make_thread(title="Pharmacy delays", body="No hydroxychloroquine in stock.")
    found = titles(search_page(client, q="hydroxychloroquine"))
    assert sorted(found) == ["Pharmacy delays", "Tired today"]
