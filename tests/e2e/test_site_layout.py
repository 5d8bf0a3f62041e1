"""Site-wide layout in a real browser: small screens, keyboard focus, valid HTML everywhere."""

import re

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from playwright.sync_api import expect

from core.ratelimits import RateLimited, RateLimitMiddleware
from sclero_site.views import server_error
from tests.e2e.conftest import assert_accessible, html_errors
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_pages_fit_a_360_pixel_screen_without_sideways_scrolling(page, server_url):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/", "/accounts/signup/", "/guidelines/", "/privacy/"):
        page.goto(server_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
        expect(page.get_by_role("searchbox")).to_be_visible()


def test_the_first_tab_reaches_the_skip_link_and_focus_is_visible(page, server_url):
    page.goto(server_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_stylesheet_and_script_load_under_the_content_security_policy(page, server_url):
    errors = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    page.goto(server_url + "/")
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background == "rgb(18, 58, 94)"  # site.css applied
    assert not [e for e in errors if "Content Security Policy" in e], errors


def _allauth_pages() -> dict[str, str]:
    """HTML of allauth's other pages, reached the way a person reaches them."""
    pages = {}
    client = Client()
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Valid Html",
            "email": "valid@example.test",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    pages["verification sent"] = client.get("/accounts/confirm-email/").content.decode()
    confirm = re.search(
        r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    )
    pages["confirm email"] = client.get(confirm.group(1)).content.decode()
    pages["bad confirmation key"] = client.get(
        "/accounts/confirm-email/nope/"
    ).content.decode()

    make_user("member", email="reset@example.test")
    client.post("/accounts/password/reset/", {"email": "reset@example.test"})
    pages["reset done"] = client.get("/accounts/password/reset/done/").content.decode()
    key = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body
    )
    pages["reset from key"] = client.get(key.group(1), follow=True).content.decode()
    pages["bad reset key"] = client.get(
        "/accounts/password/reset/key/0-bad/", follow=True
    ).content.decode()

    member = make_user("member", email="in@example.test")
    client.force_login(member)
    pages["logout confirm"] = client.get("/accounts/logout/").content.decode()
    pages["profile settings"] = client.get("/accounts/profile/").content.decode()
    pages["bad profile input"] = client.post(
        "/accounts/profile/", {"display_name": "x", "email_frequency": "nope"}
    ).content.decode()
    client.logout()
    pages["login error"] = client.post(
        "/accounts/login/", {"login": "in@example.test", "password": "wrong"}
    ).content.decode()
    pages["signup error"] = client.post(
        "/accounts/signup/", {"display_name": "a@b", "email": "x", "password1": "1"}
    ).content.decode()
    assert client.post(
        "/accounts/login/", {"login": "in@example.test", "password": PASSWORD}
    ).status_code in (200, 302)
    return pages


def test_allauth_and_form_error_pages_are_valid_html(tmp_path, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    for name, html in _allauth_pages().items():
        assert html_errors(html, tmp_path, name) == [], name


def test_error_pages_are_valid_html(tmp_path, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    pages = {"404": client.get("/no-such-page/").content.decode()}
    request = RequestFactory().post("/forum/x/", {"body": "kept text"})
    request.user = make_user("member")
    response = RateLimitMiddleware(lambda r: None).process_exception(
        request, RateLimited("reply", 9)
    )
    pages["429"] = response.content.decode()
    pages["500"] = server_error(RequestFactory().get("/")).content.decode()
    for name, html in pages.items():
        assert html_errors(html, tmp_path, name) == [], name


def test_the_429_page_is_accessible(page, server_url, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    for _ in range(2):
        page.goto(server_url + "/accounts/login/")
        page.get_by_label("Email").fill("x@example.test")
        page.get_by_label("Password:", exact=True).fill("whatever-1")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Please wait a moment")
    assert_accessible(page)
