"""Every forum rate limit through the pages: a 429 that says when to try again and
gives back the text. The cache (where the counts live) is cleared between tests
by tests/conftest.py, so each test starts from zero."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from core.ratelimits import reset_rate
from forum.models import Post, PostLike, Report, Thread
from forum.services import screening_skipped
from members.models import Profile
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(board, other_member):
    """A published thread, even for the tests that keep the sandbox on."""
    with screening_skipped():
        return make_thread(board=board, author=other_member, title="Cold hands")


def member_with(client, posts: int):
    """A signed-in member with `posts` approved posts (fewer than 5: a new member)."""
    user = make_user("member")
    accept_terms(user)
    Profile.objects.filter(user=user).update(post_count=posts)
    client.force_login(user)
    return user


def retry_after(response) -> int:
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    seconds = int(response["Retry-After"])
    text = response.content.decode()
    assert re.search(rf"try again in {seconds} seconds?\.", text)
    return seconds


def reply(client, thread, body):
    return client.post(reverse("forum:reply-create", args=[thread.pk]), {"body": body})


def start(client, board, title, body="Text of the thread"):
    return client.post(
        reverse("forum:thread-create", args=[board.slug]),
        {"title": title, "body": body},
    )


def test_established_members_reply_once_every_five_seconds(client, thread):
    member_with(client, posts=5)
    assert reply(client, thread, "First thought").status_code == HTTPStatus.FOUND
    limited = reply(client, thread, "My second, longer thought")
    assert 1 <= retry_after(limited) <= 5
    assert "My second, longer thought</textarea>" in limited.content.decode()
    assert not Post.objects.filter(body="My second, longer thought").exists()


def test_new_members_reply_once_every_thirty_seconds(client, thread):
    member_with(client, posts=0)
    assert reply(client, thread, "Hello").status_code == HTTPStatus.FOUND
    assert 5 < retry_after(reply(client, thread, "Hello again")) <= 30


def test_established_members_start_a_thread_every_fifteen_seconds(client, board):
    member_with(client, posts=5)
    assert start(client, board, "First question").status_code == HTTPStatus.FOUND
    limited = start(client, board, "Second question", body="Kept text")
    assert 5 < retry_after(limited) <= 15
    page = limited.content.decode()
    assert "Second question</textarea>" in page and "Kept text</textarea>" in page


def test_new_members_start_a_thread_every_two_minutes(client, board):
    member_with(client, posts=1)
    assert start(client, board, "First question").status_code == HTTPStatus.FOUND
    assert 15 < retry_after(start(client, board, "Second question")) <= 120


@pytest.mark.sandbox  # their threads wait for approval: they stay new members
def test_new_members_start_at_most_three_threads_a_day(client, board):
    user = member_with(client, posts=0)
    for n in range(3):
        reset_rate("thread", user)  # past the two-minute gap
        response = start(client, board, f"Question {n}", body=f"Text {n}")
        assert response.status_code == HTTPStatus.FOUND
    reset_rate("thread", user)
    assert retry_after(start(client, board, "Question 4")) > 120
    assert Thread.objects.filter(author=user).count() == 3


@pytest.mark.sandbox  # their replies wait for approval: they stay new members
def test_new_members_reply_at_most_ten_times_a_day(client, thread):
    user = member_with(client, posts=0)
    for n in range(10):
        reset_rate("reply", user)
        assert reply(client, thread, f"Reply {n}").status_code == HTTPStatus.FOUND
    reset_rate("reply", user)
    assert retry_after(reply(client, thread, "Reply 11")) > 30
    assert Post.objects.filter(author=user).count() == 10


def test_established_members_have_no_small_daily_cap(client, thread):
    user = member_with(client, posts=5)
    for n in range(11):
        reset_rate("reply", user)
        assert reply(client, thread, f"Reply {n}").status_code == HTTPStatus.FOUND


def test_fifty_likes_a_day(client, board):
    thread = make_thread(board=board, replies=51)
    posts = list(thread.posts.filter(is_opening=False).order_by("pk"))
    member_with(client, posts=5)
    for post in posts[:50]:
        response = client.post(reverse("forum:post-like", args=[post.pk]))
        assert response.status_code == HTTPStatus.FOUND
    assert retry_after(client.post(reverse("forum:post-like", args=[posts[50].pk])))
    assert PostLike.objects.count() == 50


def test_twenty_reports_a_day_keeping_the_note(client, board):
    thread = make_thread(board=board, replies=21)
    posts = list(thread.posts.filter(is_opening=False).order_by("pk"))
    member_with(client, posts=5)
    for post in posts[:20]:
        response = client.post(
            reverse("forum:post-report", args=[post.pk]), {"reason": "spam"}
        )
        assert response.status_code == HTTPStatus.FOUND
    limited = client.post(
        reverse("forum:post-report", args=[posts[20].pk]),
        {"reason": "spam", "note": "Same advert again"},
    )
    assert retry_after(limited) > 3600
    assert "Same advert again</textarea>" in limited.content.decode()
    assert Report.objects.count() == 20


def test_each_test_starts_with_no_attempts_counted(client, thread):
    # Same member key pattern as the tests above: passes only if the cache was cleared.
    member_with(client, posts=5)
    assert reply(client, thread, "Fresh start").status_code == HTTPStatus.FOUND


def test_allauth_keeps_its_own_login_limits(settings):
    assert "login_failed" in settings.ACCOUNT_RATE_LIMITS
