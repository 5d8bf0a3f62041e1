"""The one rate-limit mechanism and its 429 page."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.ratelimits import (
    RateLimited,
    RateLimitMiddleware,
    check_rate,
    reset_rate,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_one_reply_per_five_seconds_for_members():
    user = make_user("member")
    check_rate("reply", user)
    with pytest.raises(RateLimited) as limited:
        check_rate("reply", user)
    assert 1 <= limited.value.retry_after <= 5


def test_new_members_wait_longer_between_replies():
    user = make_user("member")
    check_rate("reply", user, new_member=True)
    with pytest.raises(RateLimited) as limited:
        check_rate("reply", user, new_member=True)
    assert 5 < limited.value.retry_after <= 30


def test_limits_are_per_person_and_per_action():
    first, second = make_user("member"), make_user("member")
    check_rate("reply", first)
    check_rate("reply", second)
    check_rate("thread", first)


def test_fifty_likes_a_day_then_a_reset_allows_again():
    user = make_user("member")
    for _ in range(50):
        check_rate("like", user)
    with pytest.raises(RateLimited):
        check_rate("like", user)
    reset_rate("like", user)
    check_rate("like", user)


def test_the_429_page_says_when_to_retry_and_gives_back_the_text():
    user = make_user("member")
    request = RequestFactory().post(
        "/forum/t/1/x/reply/", {"body": "My long story about tacrolimus", "parent": "7"}
    )
    request.user = user
    middleware = RateLimitMiddleware(lambda r: HttpResponse())
    response = middleware.process_exception(request, RateLimited("reply", 12))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Retry-After"] == "12"
    assert "try again in 12 seconds" in html
    assert "My long story about tacrolimus</textarea>" in html
    assert '<input type="hidden" name="parent" value="7">' in html
    assert 'action="/forum/t/1/x/reply/"' in html


def test_other_exceptions_pass_through_the_middleware():
    middleware = RateLimitMiddleware(lambda r: HttpResponse())
    assert middleware.process_exception(RequestFactory().get("/"), ValueError()) is None


def test_an_expired_window_starts_counting_again():
    user = make_user("member")
    with mock.patch("core.ratelimits.cache") as cache:
        cache.add.return_value = True  # the previous window has expired
        check_rate("reply", user)
        check_rate("reply", user)
    assert cache.set.call_count == 2
