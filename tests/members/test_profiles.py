"""Public profiles and editing one's own profile, through the pages."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import Profile
from tests.factories import make_user

pytestmark = pytest.mark.django_db

EDIT = reverse("accounts:profile-edit")


def profile_data(**overrides):
    data = {
        "display_name": "Rowan",
        "age_range": "40-49",
        "sex": "female",
        "bio": "Diagnosed with morphea in 2021.",
        "follow_on_post": "on",
        "email_frequency": "daily",
    }
    return data | overrides


def test_public_profile_shows_name_badges_and_bio_but_never_the_email(client):
    user = make_user(
        "professional",
        email="secret@example.test",
        display_name="Dr Lin",
        bio="Skin doctor.",
    )
    response = client.get(reverse("members:profile", args=[user.pk]))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<h1>Dr Lin</h1>" in html
    assert "Health professional · Dermatology" in html
    assert "Skin doctor." in html
    assert "secret@example.test" not in html


def test_role_badges_come_from_groups(client):
    moderator = make_user("moderator", display_name="Mod Person")
    html = client.get(reverse("members:profile", args=[moderator.pk])).content.decode()
    assert "Moderator" in html
    member = make_user("member", display_name="Plain Person")
    html = client.get(reverse("members:profile", args=[member.pk])).content.decode()
    assert "Moderator" not in html and "Health professional" not in html


def test_unverified_professional_flag_gives_no_badge(client):
    user = make_user(
        "professional", verified_professional=False, display_name="Not Yet"
    )
    html = client.get(reverse("members:profile", args=[user.pk])).content.decode()
    assert "Health professional" not in html


def test_profile_of_a_deactivated_account_is_not_found(client):
    user = make_user("member")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(reverse("members:profile", args=[user.pk])).status_code == 404


def test_profile_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    user = make_user("moderator")
    with django_assert_max_num_queries(3):
        client.get(reverse("members:profile", args=[user.pk]))


def test_visitors_are_sent_to_log_in_to_edit_a_profile(client):
    response = client.get(EDIT)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_member_edits_their_profile_and_sees_it_on_the_public_page(client):
    user = make_user("member", display_name="Old Name")
    client.force_login(user)
    response = client.post(EDIT, profile_data())
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("members:profile", args=[user.pk])
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.age_range, profile.sex) == (
        "Rowan",
        "40-49",
        "female",
    )
    assert profile.email_frequency == "daily"
    page = client.get(response["Location"]).content.decode()
    assert "Rowan" in page and "Diagnosed with morphea in 2021." in page


def test_editing_cannot_set_staff_only_fields(client):
    user = make_user("member")
    client.force_login(user)
    client.post(EDIT, profile_data(verified_professional="on", specialty="Surgeon"))
    profile = Profile.objects.get(user=user)
    assert not profile.verified_professional
    assert profile.specialty == ""


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"display_name": ""}, "This field is required."),
        ({"display_name": "x" * 31}, "at most 30 characters"),
        ({"display_name": "a@b.example"}, "not an email address"),
        ({"display_name": "Someone Else"}, "That display name is taken"),
        ({"bio": "x" * 501}, "at most 500 characters"),
        ({"bio": "nul\x00byte"}, "(a null byte). Please remove it."),
        ({"age_range": "12"}, "Select a valid choice."),
        ({"email_frequency": "hourly"}, "Select a valid choice."),
    ],
)
def test_bad_profile_input_gives_a_clear_message_and_keeps_the_text(
    client, overrides, message
):
    make_user("member", display_name="Someone Else")
    user = make_user("member", display_name="Keeper")
    client.force_login(user)
    data = profile_data(**overrides)
    response = client.post(EDIT, data)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert message in html
    if "bio" not in overrides:
        assert "Diagnosed with morphea in 2021." in html  # what they typed is kept
    assert Profile.objects.get(user=user).display_name == "Keeper"


def test_a_member_may_keep_their_own_display_name_in_another_case(client):
    user = make_user("member", display_name="river")
    client.force_login(user)
    response = client.post(EDIT, profile_data(display_name="River"))
    assert response.status_code == HTTPStatus.FOUND
    assert Profile.objects.get(user=user).display_name == "River"


def test_age_and_sex_label_reads_like_the_seed_question():
    profile = Profile(age_range="18-29", sex="female")
    assert profile.age_sex_label == "age 18–29, female"
    assert Profile().age_sex_label == ""
