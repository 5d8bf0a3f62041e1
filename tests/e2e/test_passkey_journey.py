"""A member adds a passkey (Chromium's virtual authenticator, through the DevTools
protocol), signs out, signs in with the passkey alone, sees its devices on the
devices page and signs the other one out. Phone width."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def virtual_authenticator(page) -> None:
    """A platform authenticator that holds passkeys and verifies its user."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_member_signs_in_with_a_passkey_alone_and_signs_the_other_device_out(
    browser, server_url
):
    member = make_user("member", email="willow@example.test")
    # A laptop signed in with the password, before the passkey.
    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    other = laptop.new_page()
    log_in(other, server_url, member.email, PASSWORD)

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    virtual_authenticator(page)
    log_in(page, server_url, member.email, PASSWORD)

    page.goto(f"{server_url}/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)  # prove it is you, first
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add Security Key")
    assert_accessible(page)
    page.get_by_label("A name to tell this key apart").fill("My phone")
    page.get_by_label("Use it as a passkey (no password)").check()
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/accounts/2fa/**")
    expect(page.get_by_text("Security key added.")).to_be_visible()
    # A passkey comes with recovery codes, for the day the phone is lost.
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()

    # Another day on the phone: the passkey alone.
    phone.clear_cookies()
    page.goto(f"{server_url}/accounts/login/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(f"{server_url}/")

    page.goto(f"{server_url}/accounts/sessions/")  # signed in: no login page
    expect(page).to_have_url(f"{server_url}/accounts/sessions/")
    expect(page.get_by_text("This device", exact=True)).to_be_visible()
    # The laptop, this phone's earlier session (its cookie was only forgotten by
    # the browser) and this one.
    assert page.locator(".device-list > li").count() == 3
    assert_accessible(page)
    page.get_by_role("button", name="Sign out all other devices").click()
    expect(page.get_by_text("2 other devices are signed out.")).to_be_visible()
    assert page.locator(".device-list > li").count() == 1

    other.goto(f"{server_url}/accounts/sessions/")
    expect(other).to_have_url(f"{server_url}/accounts/login/?next=/accounts/sessions/")
    phone.close()
    laptop.close()
