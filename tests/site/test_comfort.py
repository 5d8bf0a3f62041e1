"""Comfort settings (text size, line spacing, reduced motion, stronger contrast):
a visitor's device keeps them in a cookie set by a plain form, a member keeps
them on their profile, every page carries them as classes on <html>, and the
visitors' page cache never hands one reader's setting to another."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from core import comfort
from members.models import Profile
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = pytest.mark.django_db

COMFORT = reverse("comfort")
EDIT = reverse("accounts:profile-edit")
LARGEST = "text-largest spacing-wide motion-reduce contrast-more"


def html_class(response) -> str:
    """The classes on the page's <html> element ("" without any)."""
    found = re.search(r"<html[^>]*>", response.content.decode())
    assert found, "no <html> element"
    match = re.search(r'class="([^"]*)"', found.group(0))
    return match.group(1) if match else ""


def choose(client, **fields):
    data = {"text_size": "normal", "line_spacing": "normal"} | fields
    return client.post(COMFORT, data)


@pytest.fixture
def thread(db):
    author = make_user("member", display_name="Willow")
    accept_terms(author)
    return make_thread(author=author, title="Tight skin on my fingers")


def test_the_cookie_reads_only_known_settings():
    assert comfort.Comfort.from_cookie("text-largest.contrast-more").html_class == (
        "text-largest contrast-more"
    )
    assert comfort.Comfort.from_cookie("text-huge.<script>").is_default
    assert comfort.Comfort.from_cookie("") == comfort.DEFAULT
    assert comfort.Comfort.from_cookie(None) == comfort.DEFAULT
    # Order and repeats do not matter: one normalised value per setting.
    assert (
        comfort.Comfort.from_cookie(
            "contrast-more.text-large.contrast-more"
        ).cookie_value
        == "text-large.contrast-more"
    )


def test_a_visitor_chooses_settings_without_javascript_and_every_page_uses_them(
    client, thread
):
    assert html_class(client.get("/")) == ""
    response = choose(
        client,
        text_size="largest",
        line_spacing="wide",
        reduce_motion="on",
        more_contrast="on",
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == COMFORT
    cookie = response.cookies[comfort.COOKIE_NAME]
    assert cookie.value == "text-largest.spacing-wide.motion-reduce.contrast-more"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == comfort.COOKIE_SECONDS
    for path in ("/", thread.get_absolute_url(), COMFORT, "/zh-hant/"):
        assert html_class(client.get(path)) == LARGEST, path
    page = client.get(COMFORT).content.decode()
    assert re.search(r'value="largest" id="[^"]+" checked', page)


def test_choosing_the_defaults_again_removes_the_cookie(client):
    choose(client, text_size="larger")
    response = choose(client)
    assert response.cookies[comfort.COOKIE_NAME].value == ""
    assert response.cookies[comfort.COOKIE_NAME]["max-age"] == 0
    assert html_class(client.get("/")) == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text_size", "enormous", "Please choose one of the text sizes shown."),
        ("line_spacing", "triple", "Please choose one of the line spacings shown."),
    ],
)
def test_a_setting_not_offered_gets_a_clear_error_and_no_cookie(
    client, field, value, message
):
    response = choose(client, **{field: value})
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert comfort.COOKIE_NAME not in response.cookies
    assert html_class(response) == ""


def test_a_forged_cookie_gives_the_default_page(client):
    client.cookies[comfort.COOKIE_NAME] = '"><script>alert(1)</script>'
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    assert html_class(response) == ""


def test_a_member_saves_settings_on_the_settings_page_and_the_device_keeps_them(
    client,
):
    member = make_user("member", display_name="Rowan")
    client.force_login(member)
    page = client.get(EDIT).content.decode()
    assert "Text size" in page and "Stronger contrast" in page
    response = client.post(
        EDIT,
        {
            "display_name": "Rowan",
            "email_frequency": "daily",
            "text_size": "larger",
            "line_spacing": "wide",
            "more_contrast": "on",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    profile = Profile.objects.get(user=member)
    assert (profile.text_size, profile.line_spacing) == ("larger", "wide")
    assert profile.more_contrast and not profile.reduce_motion
    assert response.cookies[comfort.COOKIE_NAME].value == (
        "text-larger.spacing-wide.contrast-more"
    )
    assert html_class(client.get("/")) == "text-larger spacing-wide contrast-more"
    client.post(reverse("account_logout"))
    assert "sessionid" not in client.cookies or not client.cookies["sessionid"].value
    assert html_class(client.get("/")) == "text-larger spacing-wide contrast-more"


def test_the_settings_page_refuses_a_size_not_offered_and_keeps_the_profile(client):
    member = make_user("member", display_name="Rowan")
    client.force_login(member)
    response = client.post(
        EDIT,
        {"display_name": "Rowan", "email_frequency": "daily", "text_size": "9000"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Please choose one of the text sizes shown." in response.content.decode()
    assert Profile.objects.get(user=member).text_size == "normal"


def test_an_older_settings_form_without_the_text_size_keeps_the_saved_one(client):
    member = make_user("member", display_name="Rowan", text_size="largest")
    client.force_login(member)
    client.post(EDIT, {"display_name": "Rowan", "email_frequency": "daily"})
    assert Profile.objects.get(user=member).text_size == "largest"


def test_a_members_own_setting_wins_over_the_devices_cookie(client):
    member = make_user("member", display_name="Rowan", text_size="large")
    client.cookies[comfort.COOKIE_NAME] = "text-largest.contrast-more"
    client.force_login(member)
    assert html_class(client.get("/")) == "text-large"


def test_a_member_on_the_comfort_page_saves_on_their_profile(client):
    member = make_user("member", display_name="Rowan")
    client.force_login(member)
    response = choose(client, text_size="largest", reduce_motion="on")
    assert response.status_code == HTTPStatus.FOUND
    profile = Profile.objects.get(user=member)
    assert profile.text_size == "largest" and profile.reduce_motion
    assert response.cookies[comfort.COOKIE_NAME].value == "text-largest.motion-reduce"


def test_a_visitor_who_signs_up_keeps_the_devices_settings(client, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    client.cookies[comfort.COOKIE_NAME] = "text-larger.spacing-wide"
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "New Reader",
            "email": "reader@example.test",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    profile = Profile.objects.get(user__email="reader@example.test")
    assert (profile.text_size, profile.line_spacing) == ("larger", "wide")


def test_the_footer_links_to_the_comfort_page_in_both_languages(client):
    assert f'href="{COMFORT}"' in client.get("/").content.decode()
    chinese = client.get("/zh-hant/").content.decode()
    assert 'href="/zh-hant/comfort/"' in chinese
    assert "文字大小與對比" in chinese
