"""A word by email when something changes in an account: a sign-in from a new
device, a new password, a new email address, a factor added or removed — in the
member's language, naming the device, with what to do if it was not them."""

import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, make_user, reauthenticate, totp_code

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/131.0.0.0 Mobile Safari/537.36"
)
LAPTOP = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101"
    " Firefox/133.0"
)


def sign_in(user, user_agent: str, *, path: str = "") -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(
        f"{path}{reverse('account_login')}",
        {"login": user.email, "password": PASSWORD},
    )
    assert response.status_code == HTTPStatus.FOUND
    return client


def test_a_sign_in_from_a_new_device_sends_a_word_but_not_the_first_nor_again():
    member = make_user("member")
    sign_in(member, LAPTOP)
    assert mail.outbox == []  # the first sign-in: every device is new then
    sign_in(member, LAPTOP)
    assert mail.outbox == []  # a device we know
    sign_in(member, PHONE)
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "A new sign-in to your account" in message.subject
    assert "Chrome on Android" in message.body
    assert PHONE not in message.body  # plain words, not the browser string
    assert "/accounts/password/reset/" in message.body
    assert "/accounts/sessions/" in message.body
    sign_in(member, PHONE)
    assert len(mail.outbox) == 1  # never twice for the same device


def test_the_word_comes_in_the_members_language():
    member = make_user("member")
    member.profile.language = "zh-hant"
    member.profile.save(update_fields=["language"])
    sign_in(member, LAPTOP)
    sign_in(member, PHONE)  # from an English page: the email is still Chinese
    (message,) = mail.outbox
    assert "你的帳號有新的登入" in message.subject
    assert "裝置：Android 上的 Chrome" in message.body


def test_a_new_password_sends_a_word():
    member = make_user("member")
    laptop = sign_in(member, LAPTOP)
    new = "another-long-pass-phrase-77"
    laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    (message,) = mail.outbox
    assert "Firefox on Mac" in message.body
    assert "If it was not you" in message.body


def test_a_new_email_address_tells_the_old_one():
    member = make_user("member", email="old@example.test")
    laptop = sign_in(member, LAPTOP)
    reauthenticate(laptop)
    laptop.post(
        reverse("account_email"), {"action_add": "", "email": "new@example.test"}
    )
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["new@example.test"]
    key = confirmation.body.split("/accounts/confirm-email/", 1)[1].split("/")[0]
    mail.outbox.clear()
    laptop.post(reverse("account_confirm_email", args=[key]))
    address = EmailAddress.objects.get(email="new@example.test")
    assert address.verified
    laptop.post(
        reverse("account_email"),
        {"action_primary": "", "email": "new@example.test"},
    )
    to_old = [m for m in mail.outbox if m.to == ["old@example.test"]]
    assert to_old, [m.to for m in mail.outbox]
    assert "new@example.test" in to_old[0].body
    assert "If it was not you" in to_old[0].body


def test_a_confirmation_link_fetched_by_a_mail_scanner_confirms_nothing():
    member = make_user("member", email="old@example.test")
    laptop = sign_in(member, LAPTOP)
    reauthenticate(laptop)
    laptop.post(
        reverse("account_email"), {"action_add": "", "email": "new@example.test"}
    )
    key = mail.outbox[-1].body.split("/accounts/confirm-email/", 1)[1].split("/")[0]
    scanner = Client()
    assert scanner.get(reverse("account_confirm_email", args=[key])).status_code == 200
    assert not EmailAddress.objects.get(email="new@example.test").verified


@pytest.mark.django_db(transaction=True)  # allauth sends it on commit, in the request
def test_adding_and_removing_an_authenticator_app_sends_a_word_each():
    member = make_user("member")
    laptop = sign_in(member, LAPTOP)
    reauthenticate(laptop)
    page = laptop.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r"<input[^>]*\bvalue=\"([A-Z2-7]{32})\"", page).group(1)
    laptop.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert any("Firefox on Mac" in m.body for m in mail.outbox), [
        (m.subject, m.body[:300]) for m in mail.outbox
    ]
    subjects = [m.subject for m in mail.outbox]
    mail.outbox.clear()
    laptop.post(reverse("mfa_deactivate_totp"))
    assert mail.outbox, subjects
    assert "If it was not you" in mail.outbox[-1].body


def test_wrong_codes_are_limited_like_passwords_and_say_nothing_about_the_account():
    moderator = make_user("moderator")
    client = Client()
    client.post(
        reverse("account_login"), {"login": moderator.email, "password": PASSWORD}
    )
    pages = [
        client.post(reverse("mfa_authenticate"), {"code": "000000"}) for _ in range(6)
    ]
    assert all(page.status_code in (HTTPStatus.OK, 429) for page in pages)
    last = pages[-1]
    text = last.content.decode()
    assert "Too many" in text or last.status_code == 429
    # Even the right code waits now.
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code != HTTPStatus.FOUND
