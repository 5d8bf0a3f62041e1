"""Where a member is signed in (/accounts/sessions/), through the pages."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from members.devices import describe
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

DEVICES = reverse("accounts:devices")
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/131.0.0.0 Mobile Safari/537.36"
)
LAPTOP = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101"
    " Firefox/133.0"
)


def signed_in(user, user_agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == HTTPStatus.FOUND
    return client


def test_a_member_sees_each_device_and_signs_one_out():
    member = make_user("member")
    phone, laptop = signed_in(member, PHONE), signed_in(member, LAPTOP)
    page = laptop.get(DEVICES).content.decode()
    assert "Firefox on Mac" in page and "Chrome on Android" in page
    assert page.index("Firefox on Mac") < page.index("This device")
    assert page.index("This device") < page.index("Chrome on Android")
    assert PHONE not in page  # plain words, not the raw browser string

    response = laptop.post(DEVICES)  # allauth's list is not here: only ours
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    form_action = page.split("Chrome on Android", 1)[1].split('action="', 1)[1]
    response = laptop.post(form_action.split('"', 1)[0], follow=True)
    assert "That device is signed out." in response.content.decode()
    assert "Chrome on Android" not in response.content.decode()
    assert phone.get(DEVICES)["Location"].startswith(reverse("account_login"))
    assert laptop.get(DEVICES).status_code == HTTPStatus.OK


def test_sign_out_all_other_devices_keeps_this_one():
    member = make_user("member")
    others = [signed_in(member, PHONE), signed_in(member, PHONE)]
    laptop = signed_in(member, LAPTOP)
    response = laptop.post(reverse("accounts:devices-sign-out-others"), follow=True)
    assert "2 other devices are signed out." in response.content.decode()
    for other in others:
        assert other.get(DEVICES).status_code == HTTPStatus.FOUND
    assert laptop.get(DEVICES).status_code == HTTPStatus.OK


def test_nobody_signs_out_another_members_device():
    member, other = make_user("member"), make_user("member")
    theirs = signed_in(other, PHONE)
    mine = signed_in(member, LAPTOP)
    their_page = theirs.get(DEVICES).content.decode()
    assert "This device" in their_page
    from allauth.usersessions.models import UserSession

    their_session = UserSession.objects.get(user=other)
    mine.post(reverse("accounts:device-sign-out", args=[their_session.pk]))
    assert theirs.get(DEVICES).status_code == HTTPStatus.OK


def test_a_new_password_signs_out_the_other_devices():
    member = make_user("member")
    phone, laptop = signed_in(member, PHONE), signed_in(member, LAPTOP)
    new = "another-long-pass-phrase-77"
    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert phone.get(DEVICES).status_code == HTTPStatus.FOUND  # signed out
    page = laptop.get(DEVICES).content.decode()
    assert "Chrome on Android" not in page


def test_the_devices_page_writes_nothing(django_assert_max_num_queries):
    member = make_user("member")
    laptop = signed_in(member, LAPTOP)
    with django_assert_max_num_queries(8) as captured:
        laptop.get(DEVICES)
    assert not [
        q
        for q in captured
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (PHONE, "Chrome on Android"),
        (LAPTOP, "Firefox on Mac"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            " Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            " HeadlessChrome/120.0.6099.224 Safari/537.36",
            "Chrome on Linux",
        ),
        ("curl/8.5.0", "An unknown browser"),
    ],
)
def test_devices_are_named_in_plain_words(user_agent, name):
    assert describe(user_agent) == name


def test_the_chinese_devices_page(client):
    member = make_user("member")
    laptop = signed_in(member, LAPTOP)
    page = laptop.get("/zh-hant/accounts/sessions/").content.decode()
    assert "Mac 上的 Firefox" in page and "這部裝置" in page
