"""Rate limits fail open, with a log line, when Redis cannot be reached."""

from unittest import mock

import pytest

from core.ratelimits import check_rate
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    before = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6399/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    yield
    settings.CACHES = before


@pytest.mark.usefixtures("redis_down")
def test_limits_let_everyone_through_while_redis_is_down():
    user = make_user("member")
    for _ in range(5):
        check_rate("reply", user)  # 1 per 5 s when Redis is up


def test_a_lost_count_is_logged_and_allowed(caplog):
    user = make_user("member")
    with (
        mock.patch("core.ratelimits.cache.add", return_value=False),
        mock.patch("core.ratelimits.cache.incr", return_value=None),
    ):
        check_rate("reply", user)
    assert "Rate limit reply not enforced: cache unreachable" in caplog.text
