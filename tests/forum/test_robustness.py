"""No input gives a 500: odd query strings, tampered hidden fields, random text."""

from http import HTTPStatus

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.models import Topic
from forum.selectors import threads_for_topic
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db

ODD = ["-1", "0", "abc", "99999999999999999999999999", "1e3", "", "%00", "1;DROP"]


@pytest.mark.parametrize("value", ODD)
def test_odd_page_numbers_and_targets_never_fail(client, login, thread, value):
    login("member")
    url = reverse("notifications:list") + f"?page={value}"
    assert client.get(url).status_code == HTTPStatus.OK, url
    # A thread or board page that does not exist is not found (no endless copies
    # of the last page); anything that is not a number is page 1.
    numeric = value.lstrip("-").isdigit()
    expected = HTTPStatus.NOT_FOUND if numeric else HTTPStatus.OK
    for url in (
        thread.get_absolute_url() + f"?page={value}",
        thread.board.get_absolute_url() + f"?page={value}",
    ):
        assert client.get(url).status_code == expected, url
    reply = reverse("forum:reply-create", args=[thread.pk])
    assert client.get(reply + f"?to={value}").status_code in (
        HTTPStatus.OK,
        HTTPStatus.NOT_FOUND,
    )
    response = client.post(
        reply,
        {"body": "Kind words", "reply_to": value, "quote": value},
    )
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.NOT_FOUND)


def test_huge_ids_in_urls_are_404(client, login):
    login("member")
    for url in (
        "/forum/t/99999999999999999999999/x/",
        "/forum/p/99999999999999999999999/",
        "/forum/p/99999999999999999999999/edit/",
    ):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url


def test_tampered_accepted_versions_still_ask_for_the_terms(client, thread):
    from tests.factories import make_user

    client.force_login(make_user("member"))
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {"body": "Hello", "accept_terms": "on", "accepted_versions": "1,x,,-3"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Please confirm" in response.content.decode()
    assert thread.posts.count() == 1


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    title=st.text(max_size=200),
    body=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400
    ),
)
def test_any_typed_text_gets_a_page_not_a_crash(client, login, board, title, body):
    from django.core.cache import cache

    cache.clear()  # rate limits: each example is a fresh attempt
    login("member")
    response = client.post(
        reverse("forum:thread-create", args=[board.slug]),
        {"title": title, "body": body},
    )
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)


def test_topic_threads_include_renders_the_threads(board):
    topic = Topic.objects.create(name="Phototherapy", slug="phototherapy")
    thread = make_thread(board=board, title="UVA1 sessions", topics=[topic])
    from django.contrib.auth.models import AnonymousUser

    html = render_to_string(
        "forum/includes/topic_threads.html",
        {"topic_threads": threads_for_topic(topic, AnonymousUser())},
    )
    assert "Discussions in the forum" in html
    assert f'href="{thread.get_absolute_url()}"' in html
    empty = render_to_string("forum/includes/topic_threads.html", {"topic_threads": []})
    assert "No forum threads on this topic yet." in empty
