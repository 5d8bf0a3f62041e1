"""The client's address behind our proxies: believed only from trusted proxies."""

from http import HTTPStatus

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.clientip import client_ip
from tests.factories import PASSWORD, make_user

LOGIN = reverse("account_login")
PROXY = "10.0.0.5"


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.fixture
def trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


def test_without_trusted_proxies_the_remote_address_is_the_client(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from(PROXY, "203.0.113.9")) == PROXY


@pytest.mark.usefixtures("trusted_proxy")
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "203.0.113.9", "203.0.113.9"),
        # The client wrote the left part; the proxy appended the real address.
        (PROXY, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        # Two of our proxies in a row: skip both.
        (PROXY, "203.0.113.9, 10.0.0.7", "203.0.113.9"),
        # Spoofed header from an address that is not our proxy: ignored.
        ("192.0.2.44", "203.0.113.9", "192.0.2.44"),
        # No header, or garbage: the nearest trusted hop.
        (PROXY, None, PROXY),
        (PROXY, "not-an-ip", PROXY),
        (PROXY, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_takes_the_right_most_untrusted_forwarded_address(
    remote, forwarded, expected
):
    assert client_ip(request_from(remote, forwarded)) == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("trusted_proxy")
def test_35_members_behind_one_trusted_proxy_all_log_in_within_a_minute(client):
    for i in range(35):
        user = make_user("member", email=f"m{i}@example.test")
        response = client.post(
            LOGIN,
            {"login": f"m{i}@example.test", "password": PASSWORD},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}",
        )
        assert response.status_code == HTTPStatus.FOUND, i
        assert client.session["_auth_user_id"] == str(user.pk)
        client.logout()


@pytest.mark.django_db
@pytest.mark.usefixtures("trusted_proxy")
def test_spoofed_forwarded_for_from_an_untrusted_address_shares_its_limit(client):
    statuses = [
        client.post(
            LOGIN,
            {"login": f"n{i}@example.test", "password": "x"},
            REMOTE_ADDR="192.0.2.44",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}",
        ).status_code
        for i in range(32)
    ]
    assert statuses[0] == HTTPStatus.OK
    assert statuses[-1] == HTTPStatus.TOO_MANY_REQUESTS
