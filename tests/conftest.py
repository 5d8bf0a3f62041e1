import pytest
from django.core.cache import cache

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits (ours and allauth's) and cached disclaimers live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return make_user("member")


@pytest.fixture
def login_as(client):
    """Log the test client in as a new user of `role`; 'visitor' stays anonymous."""

    def _login(role: str, **kwargs):
        if role == "visitor":
            client.logout()
            return None
        user = make_user(role, **kwargs)
        client.force_login(user)
        return user

    return _login
