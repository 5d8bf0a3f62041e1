"""Site-wide pages: home, static pages, machines, errors, headers."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

STATIC_PAGES = ["home", "about", "terms", "privacy", "contact", "guidelines"]


@pytest.mark.parametrize("name", STATIC_PAGES)
def test_site_pages_render_with_header_footer_and_disclaimer(client, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.count("<h1") == 1
    assert 'href="#main"' in html  # skip link
    assert "<main" in html and "<footer" in html
    assert "Medical disclaimer" in html and "not medical advice" in html
    assert 'role="search"' in html


# Warm pages: static pages need no query at all; home lists active discussions.
PAGE_QUERIES = {"home": 1}


@pytest.mark.parametrize("name", STATIC_PAGES)
def test_site_pages_run_a_fixed_number_of_queries(
    client, name, django_assert_max_num_queries
):
    client.get(reverse(name))  # warm the disclaimer cache
    with django_assert_max_num_queries(PAGE_QUERIES.get(name, 0)):
        client.get(reverse(name))


def test_home_page_query_count_does_not_grow_with_the_forum(
    client, django_assert_max_num_queries
):
    from tests.forum.factories import make_thread

    make_thread(title="First busy thread", replies=5)
    client.get(reverse("home"))
    with django_assert_max_num_queries(1):
        html = client.get(reverse("home")).content.decode()
    assert "First busy thread" in html
    for _ in range(8):
        make_thread(replies=3)
    # Forum writes start a new content version: the home page's articles, kept
    # under it, are chosen again once (3 queries), whatever the forum's size.
    with django_assert_max_num_queries(4):
        client.get(reverse("home"))
    with django_assert_max_num_queries(1):
        client.get(reverse("home"))


def test_guidelines_page_shows_the_current_versioned_guidelines(client):
    html = client.get(reverse("guidelines")).content.decode()
    assert "Version v1.0" in html
    assert "Be kind." in html


def test_anonymous_visitors_get_no_session_cookie(client):
    for name in STATIC_PAGES:
        response = client.get(reverse(name))
        assert "sessionid" not in response.cookies, name


def test_every_response_carries_the_security_headers(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_script_or_style(client):
    html = client.get(reverse("home")).content.decode()
    assert "<script>" not in html and "style=" not in html and "<style" not in html


def test_signed_in_header_shows_the_account_menu_with_post_logout(client):
    user = make_user("member", display_name="Header Person")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "Header Person" in html
    assert f'action="{reverse("account_logout")}" method="post"' in html


def test_healthz_answers_ok_with_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("sclero_site.health.connection") as connection:
        connection.cursor.side_effect = OperationalError("could not connect")
        response = client.get("/healthz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["status"] == "down"


def test_robots_txt_points_to_the_sitemap_and_hides_private_areas(client, settings):
    settings.SITE_URL = "https://sclero.example"
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /accounts/" in body
    assert "Disallow: /admin/" in body
    # The configured site address, never the Host the request came with.
    assert "Sitemap: https://sclero.example/sitemap.xml" in body
    assert "testserver" not in body


def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "find that page" in response.content.decode()


def test_admin_refuses_members_with_a_login_page(client):
    client.force_login(make_user("member"))
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND


def test_forbidden_gets_the_friendly_403(client, rf):
    from django.core.exceptions import PermissionDenied

    from sclero_site.views import permission_denied

    request = rf.get("/")
    request.user = make_user("member")
    response = permission_denied(request, PermissionDenied("You can't edit this post."))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "You can&#x27;t edit this post." in response.content.decode()


def test_server_error_page_renders_without_a_database():
    from django.test import RequestFactory

    from sclero_site.views import server_error

    with mock.patch("sclero_site.health.connection"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Something went wrong on our side" in response.content.decode()


def test_csrf_failure_gets_a_friendly_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x@example.test"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Please try again" in response.content.decode()
