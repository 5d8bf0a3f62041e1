"""Accounts through the pages: signup with a display name, verification, login, logout, reset."""

import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Profile, User
from members.roles import MEMBERS
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")


def signup_data(**overrides):
    data = {
        "display_name": "Hazel",
        "email": "hazel@example.test",
        "password1": "a-long-pass-phrase-42",
        "password2": "a-long-pass-phrase-42",
    }
    return data | overrides


def confirmation_link(mailoutbox) -> str:
    match = re.search(
        r"http://testserver(/accounts/confirm-email/\S+/)", mailoutbox[-1].body
    )
    assert match, mailoutbox[-1].body
    return match.group(1)


def test_signup_creates_an_unverified_account_with_its_profile(client, mailoutbox):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="hazel@example.test")
    assert user.profile.display_name == "Hazel"
    assert not EmailAddress.objects.get(user=user).verified
    assert not user.groups.exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["hazel@example.test"]


def test_confirming_the_email_makes_the_person_a_member(client, mailoutbox):
    client.post(SIGNUP, signup_data())
    link = confirmation_link(mailoutbox)
    assert client.get(link).status_code == HTTPStatus.OK  # a page with a confirm button
    assert not EmailAddress.objects.get(email="hazel@example.test").verified
    response = client.post(link)
    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get(email="hazel@example.test")
    assert EmailAddress.objects.get(user=user).verified
    assert list(user.groups.values_list("name", flat=True)) == [MEMBERS]


def test_an_unverified_account_cannot_log_in_until_confirmed(client, mailoutbox):
    client.post(SIGNUP, signup_data())
    response = client.post(
        LOGIN, {"login": "hazel@example.test", "password": "a-long-pass-phrase-42"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_a_verified_member_logs_in_by_email(client):
    user = make_user("member", email="fern@example.test")
    response = client.post(LOGIN, {"login": "fern@example.test", "password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("display_name", "message"),
    [
        ("", "This field is required."),
        ("ab", "at least 3 characters"),
        ("x" * 31, "at most 30 characters"),
        ("me@example.org", "not an email address"),
        ("Taken Name", "That display name is taken"),
        ("taken name", "That display name is taken"),
        ("bad\x00name", "(a null byte). Please remove it."),
    ],
)
def test_signup_refuses_bad_display_names_and_keeps_the_typed_email(
    client, display_name, message
):
    make_user("member", display_name="Taken Name")
    response = client.post(SIGNUP, signup_data(display_name=display_name))
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert 'value="hazel@example.test"' in response.content.decode()
    assert not User.objects.filter(email="hazel@example.test").exists()


def test_signup_page_asks_for_a_display_name(client):
    response = client.get(SIGNUP)
    assert 'name="display_name"' in response.content.decode()


def test_signup_with_an_existing_email_does_not_reveal_the_account(client, mailoutbox):
    make_user("member", email="known@example.test")
    response = client.post(SIGNUP, signup_data(email="known@example.test"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="known@example.test").count() == 1
    assert Profile.objects.filter(display_name="Hazel").count() == 0
    assert "already" in mailoutbox[-1].body.lower()


def test_password_reset_does_not_reveal_whether_an_account_exists(client, mailoutbox):
    make_user("member", email="known@example.test")
    url = reverse("account_reset_password")
    known = client.post(url, {"email": "known@example.test"})
    unknown = client.post(url, {"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == HTTPStatus.FOUND
    assert known["Location"] == unknown["Location"]


def test_password_reset_lets_a_member_choose_a_new_password(client, mailoutbox):
    make_user("member", email="known@example.test")
    client.post(reverse("account_reset_password"), {"email": "known@example.test"})
    match = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+/)", mailoutbox[-1].body
    )
    assert match, mailoutbox[-1].body
    response = client.get(match.group(1), follow=True)
    form_url = (
        response.redirect_chain[-1][0] if response.redirect_chain else match.group(1)
    )
    response = client.post(
        form_url,
        {"password1": "another-pass-phrase-77", "password2": "another-pass-phrase-77"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert User.objects.get(email="known@example.test").check_password(
        "another-pass-phrase-77"
    )


def test_logout_needs_a_post(client):
    user = make_user("member")
    client.force_login(user)
    response = client.get(reverse("account_logout"))
    assert response.status_code == HTTPStatus.OK  # a confirmation page, still logged in
    assert client.session.get("_auth_user_id") == str(user.pk)
    response = client.post(reverse("account_logout"))
    assert response.status_code == HTTPStatus.FOUND
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_lock_the_account_for_a_while(client):
    make_user("member", email="target@example.test")
    for _ in range(5):
        client.post(LOGIN, {"login": "target@example.test", "password": "wrong"})
    response = client.post(
        LOGIN, {"login": "target@example.test", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_login_attempts_from_one_address_get_the_429_page(client):
    statuses = [
        client.post(LOGIN, {"login": f"n{i}@example.test", "password": "x"}).status_code
        for i in range(32)
    ]
    assert statuses[0] == HTTPStatus.OK
    assert statuses[-1] == HTTPStatus.TOO_MANY_REQUESTS
    page = client.post(LOGIN, {"login": "n@example.test", "password": "x"})
    assert "Please wait a moment" in page.content.decode()


def test_the_members_group_exists_from_the_migration():
    assert Group.objects.filter(name=MEMBERS).exists()


def test_login_form_speaks_plainly(client):
    body = client.get(reverse("account_login")).content.decode()
    assert "Keep me logged in on this device" in body
    assert "Remember Me" not in body
