"""A newcomer signs up, confirms their email, logs in and fills in their profile."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, html_errors, log_in
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_and_edit_profile(page, server_url):
    page.goto(f"{server_url}/guidelines/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Display name").fill("Willow")
    page.get_by_label("Email").fill("willow@example.test")
    page.get_by_label("Password:", exact=True).fill("a-long-pass-phrase-42")
    page.get_by_label("Password (again)").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    page.goto(link.group(0).replace("http://testserver", server_url))
    page.get_by_role("button", name="Confirm my email address").click()

    # Confirmed in the same browser: logged in, back on the page they came from.
    expect(page).to_have_url(f"{server_url}/guidelines/")
    expect(page.get_by_role("link", name="Willow")).to_be_visible()
    page.get_by_role("link", name="Settings").click()
    page.get_by_label("A few words about you (optional)").fill("Morphea since 2019.")
    page.get_by_label("Age range (optional)").select_option("30-39")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Willow")
    expect(page.get_by_text("Morphea since 2019.")).to_be_visible()
    expect(page.get_by_text("willow@example.test")).to_have_count(0)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/about/",
        "/terms/",
        "/privacy/",
        "/contact/",
        "/guidelines/",
        "/members/{pk}/",
        "/no-such-page/",
    ],
)
def test_site_pages_are_accessible_and_valid(page, server_url, path, tmp_path):
    user = make_user(
        "member", display_name="Axe Reader", bio="Testing the profile page."
    )
    page.goto(server_url + path.format(pk=user.pk))
    assert_accessible(page)
    assert html_errors(page.content(), tmp_path, path) == []


def test_account_pages_for_a_signed_in_member_are_accessible(
    page, server_url, tmp_path
):
    make_user("member", email="reader@example.test", password="a-long-pass-phrase-42")
    log_in(page, server_url, "reader@example.test", "a-long-pass-phrase-42")
    for path in (
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
    ):
        page.goto(server_url + path)
        assert_accessible(page)
        assert html_errors(page.content(), tmp_path, path) == []
