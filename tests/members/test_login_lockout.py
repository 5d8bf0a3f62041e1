"""Failed-login lockout answers like every other limit: the friendly 429 page."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")


def _fail_five_times(client, email):
    statuses = [
        client.post(LOGIN, {"login": email, "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses == [HTTPStatus.OK] * 5  # wrong password: the form says so


def test_a_locked_account_gets_the_429_page_with_retry_after(client):
    make_user("member", email="target@example.test")
    _fail_five_times(client, "target@example.test")
    response = client.post(
        LOGIN, {"login": "target@example.test", "password": PASSWORD}
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(response["Retry-After"]) >= 60
    page = response.content.decode()
    assert "Please wait a moment" in page
    assert "Too many failed login attempts" in page
    assert "_auth_user_id" not in client.session


def test_the_429_page_never_echoes_the_password(client):
    make_user("member", email="target@example.test")
    _fail_five_times(client, "target@example.test")
    response = client.post(
        LOGIN, {"login": "target@example.test", "password": "s3cret-typed-pass"}
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "s3cret-typed-pass" not in response.content.decode()


def test_other_accounts_are_not_locked_by_one_accounts_failures(client):
    make_user("member", email="target@example.test")
    make_user("member", email="other@example.test")
    _fail_five_times(client, "target@example.test")
    response = client.post(LOGIN, {"login": "other@example.test", "password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND
