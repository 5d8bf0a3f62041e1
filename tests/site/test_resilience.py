"""The site keeps serving when Redis is down; a lost database gives the 503 page;
/healthz tells which dependency is missing."""

import os
import subprocess
import sys
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from forum.models import Post
from forum.tasks import send_post_emails
from sclero_site.views import server_error
from tests.factories import PASSWORD, make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CLOSED_REDIS = "redis://127.0.0.1:6399/0"  # nothing listens there


@pytest.fixture
def redis_down(settings):
    """The production cache settings, pointed at a port where no Redis listens."""
    before = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": CLOSED_REDIS,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    yield
    settings.CACHES = before  # before the autouse cache clearing tears down


def no_server_error(response) -> bool:
    return response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR


@pytest.mark.usefixtures("redis_down")
def test_pages_login_and_replies_work_while_redis_is_down(client, caplog):
    thread = make_thread(replies=2)
    accept_terms(make_user("member", email="fern@example.test"))

    assert client.get(reverse("home")).status_code == HTTPStatus.OK
    assert client.get(thread.get_absolute_url()).status_code == HTTPStatus.OK
    login = client.post(
        reverse("account_login"),
        {"login": "fern@example.test", "password": PASSWORD},
    )
    assert login.status_code == HTTPStatus.FOUND
    # The session lives in the database (cached_db) and survives the next request.
    reply = client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {"body": "Still here while the cache is away."},
    )
    assert no_server_error(reply), reply.status_code
    assert reply.status_code == HTTPStatus.FOUND
    assert Post.objects.filter(body="Still here while the cache is away.").exists()
    assert client.get(thread.get_absolute_url()).status_code == HTTPStatus.OK
    assert "Exception ignored" in caplog.text  # django-redis logged the errors


@pytest.mark.usefixtures("redis_down")
def test_healthz_says_degraded_when_only_the_cache_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"]["ok"] is True
    assert body["cache"]["ok"] is False


def test_healthz_reports_every_dependency_as_json(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True}
    assert body["cache"]["ok"] is True
    assert body["queue"]["checked"] is False  # immediate backend in tests


def test_healthz_reports_the_oldest_waiting_task(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    body = client.get("/healthz").json()
    assert body["queue"]["oldest_ready_seconds"] is None
    result = send_post_emails.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=DBTaskResult.objects.get(pk=result.id).enqueued_at
        - timedelta(hours=1)
    )
    body = client.get("/healthz").json()
    assert body["queue"]["ready"] == 1
    assert body["queue"]["oldest_ready_seconds"] >= 3600
    assert body["queue"]["ok"] is False
    assert body["status"] == "degraded"


def test_a_database_error_in_a_view_gives_503_with_retry_after():
    client = Client(raise_request_exception=False)
    with mock.patch(
        "sclero_site.views.active_threads",
        side_effect=OperationalError("the connection is closed"),
    ):
        response = client.get(reverse("home"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "We will be back in a moment" in page
    assert "Please try again in 30 seconds." in page


def test_the_500_handler_answers_503_for_a_lost_database():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"


def test_other_errors_still_give_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR


CLIENT_AGAINST_CLOSED_DATABASE = """
from django.test import Client
client = Client(raise_request_exception=False)
home = client.get("/")
health = client.get("/healthz")
print(home.status_code, home.get("Retry-After"), health.status_code)
"""


def test_with_the_database_unreachable_pages_answer_503_and_healthz_too():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    } | {
        # Debug mode only spares the test a collectstatic; the middleware is the same.
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5499/closed",
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
    }
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "shell", "-c", CLIENT_AGAINST_CLOSED_DATABASE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "503 30 503"


def test_healthz_answers_the_plain_http_probe_with_production_redirects(
    client, settings
):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["sclero.example"]
    # Pages still go to https...
    assert client.get("/", headers={"host": "sclero.example"}).status_code == 301
    # ...the load balancer's probe over plain http is answered directly.
    response = client.get("/healthz", headers={"host": "sclero.example"})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] in ("ok", "degraded")
    assert response.json()["database"] == {"ok": True}


PROBE_WITH_PRODUCTION_SETTINGS = """
from django.conf import settings
from django.test import Client
assert settings.SECURE_SSL_REDIRECT and not settings.DEBUG
client = Client(raise_request_exception=False)
home = client.get("/", headers={"host": "sclero.example"})
health = client.get("/healthz", headers={"host": "sclero.example"})
print(home.status_code, health.status_code, health["Content-Type"])
print(health.json()["status"], health.json()["database"]["ok"])
"""


def test_healthz_answers_503_json_over_http_when_the_database_is_away():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    } | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "sclero.example",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5499/closed",
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
    }
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "shell", "-c", PROBE_WITH_PRODUCTION_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-2:] == ["301 503 application/json", "down False"]
