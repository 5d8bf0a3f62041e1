import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError
from django.utils import translation

from tests.factories import give_second_factor, make_user
from tests.s3server import s3, s3_endpoint  # noqa: F401 (fixtures for the storage tests)


def _clear_cache_function(settings):
    """Locmem: clear it. Redis: give this test worker its own key prefix and clear only that,
    so parallel workers sharing the test Redis database do not wipe each other's keys."""
    default = settings.CACHES["default"]
    if not default["BACKEND"].endswith("RedisCache"):
        return cache.clear
    prefix = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    settings.CACHES = {"default": {**default, "KEY_PREFIX": prefix}}

    def clear():
        client = cache.client.get_client(write=True)  # django-redis
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)

    return clear


def _opened_by_the_code(connection) -> bool:
    """True inside an atomic block the code under test opened (not the test's own)."""
    return any(not block._from_testcase for block in connection.atomic_blocks)


@pytest.fixture(autouse=True)
def _locks_need_their_own_transaction(monkeypatch):
    """A row lock outside a transaction is a 500 on PostgreSQL, but SQLite ignores
    the lock and every test runs inside a transaction of its own, so the suite
    would never see it. Here a locking query must run inside an atomic block that
    the code itself opened, on every database."""
    as_sql = SQLCompiler.as_sql

    def guarded(self, *args, **kwargs):
        if self.query.select_for_update and not _opened_by_the_code(self.connection):
            raise TransactionManagementError(
                "select_for_update() outside a transaction the code opened"
            )
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", guarded)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing is deliberately slow; tests only need it to be a hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """LocaleMiddleware leaves the last request's language (/zh-hant/...) active in
    the thread: the next test starts in the default language again."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache(settings, monkeypatch):
    """Rate limits (ours and allauth's) and cached disclaimers live in the cache.
    On Redis a test's own `cache.clear()` clears only its worker's keys too (Redis
    would flush the database every parallel worker shares)."""
    clear = _clear_cache_function(settings)
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        monkeypatch.setattr(type(caches["default"]), "clear", lambda self: clear())
    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _sandbox_off_unless_marked(request, settings):
    """A member's first post waits for a moderator (FORUM_APPROVE_FIRST_POSTS = 1).

    Tests about other things post as if that first post had been approved; tests
    of the sandbox itself are marked `@pytest.mark.sandbox` and keep the default.
    """
    if request.node.get_closest_marker("sandbox") is None:
        settings.FORUM_APPROVE_FIRST_POSTS = 0


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


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the second factor the admin requires."""
    give_second_factor(admin_user)
    return admin_user
