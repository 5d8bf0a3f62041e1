"""Every account-security page in Traditional Chinese on a phone: the second-factor
overview, the authenticator app, recovery codes, security keys and devices read in
Chinese, fit 390 px and pass axe."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in, prove_it_is_you
from tests.factories import PASSWORD, make_user, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# English a Chinese page may still show: names, not sentences.
ALLOWED_LATIN = {
    "Kindred",
    "Chrome",
    "Chromium",
    "Linux",
    "Android",
    "iPhone",
    "Email",
    "PIN",
    "JavaScript",
}


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more that are not names."""
    return [
        word for word in re.findall(r"[A-Za-z]{3,}", text) if word not in ALLOWED_LATIN
    ]


def look(page, name: str, shots: str) -> None:
    page.screenshot(path=f"{shots}/{name}-zh-390.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} is {width} px wide"
    main = page.locator("main").inner_text()
    assert english_words(main) == [], name
    assert_accessible(page)


def test_account_security_pages_read_in_chinese_at_390(page, server_url, tmp_path):
    shots = os.environ.get("SCREENSHOTS") or str(tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    member = make_user(email="mei@example.test", display_name="美華")
    log_in(page, server_url, member.email, PASSWORD)

    page.goto(f"{server_url}/zh-hant/accounts/2fa/")
    look(page, "mfa-index", shots)

    page.goto(f"{server_url}/zh-hant/accounts/2fa/totp/activate/")
    prove_it_is_you(page, PASSWORD)
    expect(page).to_have_url(re.compile(r"/zh-hant/accounts/2fa/totp/activate/"))
    look(page, "mfa-totp", shots)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("main input[name=code]").fill(totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(f"{server_url}/zh-hant/accounts/2fa/recovery-codes/")
    prove_it_is_you(page, PASSWORD)
    look(page, "mfa-recovery-codes", shots)

    page.goto(f"{server_url}/zh-hant/accounts/2fa/webauthn/add/")
    prove_it_is_you(page, PASSWORD)
    look(page, "mfa-webauthn-add", shots)

    page.goto(f"{server_url}/zh-hant/accounts/sessions/")
    look(page, "devices", shots)
