"""Search result pages kept in the cache: a repeated search runs no ranking query,
and every change a searcher could see shows in the next search, for visitors and
members alike; members-only threads never reach visitors through the cache."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.services import moderation, posts
from search.models import SearchEntry
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGECACHE_ENABLED = True
    settings.SEARCH_CACHE_SECONDS = 60


def search(client, query: str, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == HTTPStatus.OK
    ranked = [
        q["sql"] for q in queries.captured_queries if "search_searchentry" in q["sql"]
    ]
    return response, ranked


def titles(response) -> list[str]:
    return [r.title for r in response.context["results"].results]


@pytest.fixture
def member(db):
    return make_user("member")


def test_a_repeated_search_runs_no_search_query(client, member):
    client.force_login(member)  # visitors' result pages are cached whole (below)
    make_thread(title="Tacrolimus and the sun")
    first, ranked = search(client, "tacrolimus")
    assert ranked
    second, ranked_again = search(client, "  Tacrolimus ")
    assert ranked_again == []
    assert titles(second) == titles(first) == ["Tacrolimus and the sun"]
    assert second.context["results"].query.text == "Tacrolimus"


def test_pages_are_kept_apart(client, member):
    client.force_login(member)
    for n in range(25):
        make_thread(title=f"Methotrexate week {n}", body=f"Methotrexate story {n}.")
    page_one, _ = search(client, "methotrexate")
    page_two, _ = search(client, "methotrexate", page=2)
    assert len(titles(page_one)) == 20 and len(titles(page_two)) == 5
    again, ranked = search(client, "methotrexate", page=2)
    assert ranked == []
    assert titles(again) == titles(page_two)
    assert again.context["results"].page.number == 2
    assert again.context["results"].total == 25
    assert b'rel="prev"' in again.content


def test_filters_are_kept_apart(client):
    make_thread(title="Clobetasol in the evening")
    assert titles(search(client, "clobetasol")[0]) == ["Clobetasol in the evening"]
    assert titles(search(client, "clobetasol", kind="articles")[0]) == []


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_a_reply_shows_in_the_next_search(client, member, who):
    if who == "member":
        client.force_login(member)
    thread = make_thread(title="Winter hands")
    assert titles(search(client, "pimecrolimus")[0]) == []
    make_post(thread, body="Pimecrolimus helped my fingers.")
    assert titles(search(client, "pimecrolimus")[0]) == ["Winter hands"]


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_an_edit_shows_in_the_next_search(client, member, who):
    if who == "member":
        client.force_login(member)
    thread = make_thread(title="Evening routine", body="Cream after the shower.")
    assert titles(search(client, "hydroxychloroquine")[0]) == []
    posts.edit_post(
        thread.first_post, actor=thread.author, body="Hydroxychloroquine at night."
    )
    assert titles(search(client, "hydroxychloroquine")[0]) == ["Evening routine"]


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_a_hidden_post_leaves_the_next_search(client, member, who):
    if who == "member":
        client.force_login(member)
    thread = make_thread(title="Shop talk")
    reply = make_post(thread, body="Buy miracleointment from my shop.")
    assert titles(search(client, "miracleointment")[0]) == ["Shop talk"]
    moderation.hide_post(reply, actor=make_user("moderator"), reason="Advertising")
    assert titles(search(client, "miracleointment")[0]) == []


def test_a_deleted_post_leaves_the_next_search(client):
    thread = make_thread(title="Regrets")
    reply = make_post(thread, body="My phonenumberishere, call me.")
    assert titles(search(client, "phonenumberishere")[0]) == ["Regrets"]
    posts.delete_post(reply, actor=reply.author)
    assert titles(search(client, "phonenumberishere")[0]) == []


def test_members_only_threads_never_reach_visitors_through_the_cache(client, member):
    board = make_board()
    thread = make_thread(board=board, title="Private worries about biopsy")
    type(thread).objects.filter(pk=thread.pk).update(members_only=True)
    SearchEntry.objects.update()  # the index reads the thread at query time
    client.force_login(member)
    assert titles(search(client, "biopsy")[0]) == ["Private worries about biopsy"]
    client.logout()
    visitor, ranked = search(client, "biopsy")
    assert ranked  # not the members' stored page
    assert titles(visitor) == []
    client.force_login(member)
    assert titles(search(client, "biopsy")[0]) == ["Private worries about biopsy"]


def test_labels_follow_the_language(client):
    make_thread(title="Morphea patches")
    english, _ = search(client, "morphea")
    assert english.context["results"].results[0].kind_label == "Discussion"
    chinese = client.get("/zh-hant" + SEARCH, {"q": "morphea"})
    assert chinese.status_code == HTTPStatus.OK
    assert chinese.context["results"].results[0].kind_label != "Discussion"


def test_caching_off_ranks_every_time(client, member, settings):
    client.force_login(member)
    settings.SEARCH_CACHE_SECONDS = 0
    make_thread(title="Raynaud in winter")
    search(client, "raynaud")
    assert search(client, "raynaud")[1]


def test_a_visitors_repeated_search_is_answered_whole_from_the_page_cache(client):
    make_thread(title="Mycophenolate questions")
    first = client.get(SEARCH, {"q": "mycophenolate"})
    second = client.get(SEARCH, {"q": "mycophenolate"})
    assert first.templates and not second.templates
    assert b"Mycophenolate questions" in second.content
    assert second["ETag"] == first["ETag"]
    thread = make_thread(title="Mycophenolate and sunscreen")
    third = client.get(SEARCH, {"q": "mycophenolate"})
    assert b"Mycophenolate and sunscreen" in third.content
    assert thread.get_absolute_url().encode() in third.content
