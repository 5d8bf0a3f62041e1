"""A moderator without a second factor signs in, is led to set one up, enrols an
authenticator app (codes computed here), and then the queue opens; next time the
sign-in asks for a code. Phone width, English and Chinese."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import PASSWORD, make_user, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shots(tmp_path):
    """Screenshots to look at: in $SCREENSHOTS when set, else the test's tmp dir."""
    return os.environ.get("SCREENSHOTS") or str(tmp_path)


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_a_moderator_enrols_an_authenticator_app_before_the_queue_opens(
    phone, server_url, shots
):
    page = phone
    moderator = make_user("moderator", second_factor=False, email="mo@example.test")
    log_in(page, server_url, moderator.email, PASSWORD)
    expect(page).to_have_url(f"{server_url}/accounts/2fa/")
    expect(page.get_by_text("needs a second way to prove it is you")).to_be_visible()
    page.screenshot(path=f"{shots}/mfa-index-390.png", full_page=True)
    assert_accessible(page)

    page.goto(f"{server_url}/forum/moderation/")
    expect(page).to_have_url(f"{server_url}/accounts/2fa/")

    page.get_by_role("link", name="Activate").first.click()
    # allauth asks for the password again before a factor changes.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.screenshot(path=f"{shots}/mfa-totp-390.png", full_page=True)
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.screenshot(path=f"{shots}/mfa-after-activate-390.png", full_page=True)

    page.goto(f"{server_url}/forum/moderation/")
    expect(page).to_have_url(f"{server_url}/forum/moderation/")

    page.context.clear_cookies()  # another day, another sign-in
    page.goto(f"{server_url}/zh-hant/accounts/login/")
    page.get_by_label("電子郵件").fill(moderator.email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.get_by_role("button", name="登入", exact=True).click()
    page.screenshot(path=f"{shots}/mfa-authenticate-zh-390.png", full_page=True)
    assert_accessible(page)
    page.get_by_label("代碼").fill(totp_code(secret, later=True))
    page.locator("main form button[type=submit]").first.click()
    page.goto(f"{server_url}/zh-hant/forum/moderation/")
    expect(page).to_have_url(f"{server_url}/zh-hant/forum/moderation/")
