"""Every response carries the Content-Security-Policy, error pages included, and
violation reports have somewhere to go."""

import json
import logging
from http import HTTPStatus

import pytest
from django.test import Client

from core.ratelimits import RULES

pytestmark = pytest.mark.django_db

REQUIRED = (
    "default-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
)


def _assert_policy(response):
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.strip() for part in policy.split(";")}
    missing = [d for d in REQUIRED if d not in directives]
    assert missing == [], f"{response.status_code}: {policy!r}"


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/", HTTPStatus.OK),
        ("/forum/", HTTPStatus.OK),
        ("/no-such-page/", HTTPStatus.NOT_FOUND),
        ("/test-forbidden/", HTTPStatus.FORBIDDEN),
        ("/test-boom/", HTTPStatus.INTERNAL_SERVER_ERROR),
        ("/robots.txt", HTTPStatus.OK),
    ],
)
def test_every_response_carries_the_policy(settings, address, status):
    settings.ROOT_URLCONF = "tests.site.csp_urls"
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code == status
    _assert_policy(response)


def test_the_debug_404_page_carries_the_policy(settings):
    settings.DEBUG = True
    response = Client().get("/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"Page not found" in response.content
    _assert_policy(response)


def _report(client, payload, **extra):
    return client.post(
        "/csp-report/",
        data=json.dumps(payload),
        content_type="application/csp-report",
        **extra,
    )


def test_a_violation_report_is_logged_as_one_line(client, caplog):
    payload = {
        "csp-report": {
            "document-uri": "https://sclero.example/forum/",
            "violated-directive": "script-src 'self'",
            "blocked-uri": "https://evil.example/x.js\nforged log line",
        }
    }
    with caplog.at_level(logging.WARNING, logger="sclero_site.csp"):
        response = _report(client, payload)
    assert response.status_code == HTTPStatus.NO_CONTENT
    lines = [r.getMessage() for r in caplog.records if r.name == "sclero_site.csp"]
    assert len(lines) == 1
    assert "\n" not in lines[0]
    assert "evil.example" in lines[0]


def test_an_oversized_report_is_refused(client):
    response = _report(client, {"csp-report": {"blocked-uri": "x" * 20_000}})
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def test_a_report_that_is_not_json_is_refused(client):
    response = client.post("/csp-report/", data="nope", content_type="text/plain")
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_reports_are_rate_limited_per_address(client):
    allowed = RULES["csp-report"][0].count
    statuses = [_report(client, {}).status_code for _ in range(allowed + 1)]
    assert statuses[:allowed] == [HTTPStatus.NO_CONTENT] * allowed
    assert statuses[-1] == HTTPStatus.TOO_MANY_REQUESTS


def test_the_report_endpoint_takes_only_post(client):
    assert client.get("/csp-report/").status_code == HTTPStatus.METHOD_NOT_ALLOWED
