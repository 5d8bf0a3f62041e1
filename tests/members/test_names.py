"""Display names that cannot impersonate: normalized, no invisible characters, no
look-alikes of staff names, no reserved words, titles only for verified professionals."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from members.models import Profile
from members.names import check_display_name, skeleton
from members.services import validate_display_name
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")


def _code(name: str, user=None) -> str | None:
    try:
        validate_display_name(name, exclude_user=user)
    except ValidationError as error:
        return error.code
    return None


def test_a_cyrillic_look_alike_of_a_verified_professional_is_refused():
    make_user("professional", display_name="Dr Ada Demo")
    assert skeleton("Dr Ada Dеmo") == skeleton("Dr Ada Demo")
    doctor_lookalike = make_user("professional", display_name="Someone Else")
    assert _code("Dr Ada Dеmo", doctor_lookalike) == "lookalike"
    # Without its title it is still the professional's name: refused too.
    assert _code("Ada Dеmo") == "lookalike"
    assert _code("Ada Demo Smith") is None


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_look_alikes_of_editors_and_moderators_are_refused(role):
    make_user(role, display_name="Kit Marlowe")
    assert _code("Kit Mar1owe") == "lookalike"
    assert _code("KIT  MARLOWE") in ("lookalike", "taken")
    assert _code("Kit Marlow") is None


def test_a_plain_member_name_may_be_shared_in_look_only():
    make_user("member", display_name="Sam Green")
    assert _code("Sam Grееn") is None  # members are not protected names


@pytest.mark.parametrize(
    "name",
    [
        "Ada\u202eomed",
        "Ada\u200bDemo",
        "Ada\u2066Demo",
        "Ada\u200fDemo",
        "Ada\ufeffDemo",
    ],
)
def test_invisible_and_direction_characters_are_refused_with_a_clear_message(name):
    with pytest.raises(ValidationError) as caught:
        validate_display_name(name)
    assert caught.value.code == "invisible"
    assert "invisible" in caught.value.messages[0]
    assert "U+" in caught.value.messages[0]


@pytest.mark.parametrize(
    "name",
    [
        "Moderator Team",
        "The Admin",
        "Staff",
        "sclero",
        "Official Help",
        "МОDERATOR",
        "sclero_site",
        "Administrator",
    ],
)
def test_reserved_words_are_refused_whatever_their_case_or_script(name):
    assert _code(name) == "reserved"


@pytest.mark.parametrize("name", ["Dr Rowan", "Doctor Who", "Prof. Ash", "Drоf Dr"])
def test_titles_are_only_for_verified_professionals(name):
    member = make_user("member")
    professional = make_user("professional")
    unverified = make_user("professional", verified_professional=False)
    assert _code(name, member) == "title"
    assert _code(name, unverified) == "title"
    assert _code(name) == "title"
    assert _code(name, professional) is None


@pytest.mark.parametrize(
    "name",
    [
        "王小明",
        "José Álvarez",
        "Zoë Brontë",
        "Łukasz",
        "Андрей",
        "Σοφία",
        "Ann-Marie O'Neil",
        "Drew",
        "Madmin",
        "Andrea",
    ],
)
def test_ordinary_names_pass(name):
    assert _code(name) is None


def test_names_are_nfkc_normalized():
    assert validate_display_name("Ｒｏｗａｎ") == "Rowan"


def test_signup_refuses_a_look_alike_and_says_why(client):
    make_user("moderator", display_name="Kit Marlowe")
    response = client.post(
        SIGNUP,
        {
            "display_name": "Kit Mаrlowe",
            "email": "kit@example.test",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "looks too much like" in response.content.decode()
    assert not Profile.objects.filter(user__email="kit@example.test").exists()


def test_profile_edit_refuses_bidi_overrides(client):
    user = make_user("member", display_name="Rowan")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Rowan\u202e", "email_frequency": "instant"},
    )
    assert response.status_code == HTTPStatus.OK
    assert Profile.objects.get(user=user).display_name == "Rowan"


def test_a_professional_keeps_their_own_name_when_editing():
    professional = make_user("professional", display_name="Dr Ada Demo")
    check_display_name("Dr Ada Demo", user=professional)


def test_check_display_names_lists_existing_offenders(capsys):
    make_user("professional", display_name="Dr Ada Demo")
    make_user("member", display_name="Dr Ada Dеmo")
    make_user("member", display_name="Moderator Team")
    make_user("member", display_name="Hidden\u200bName")
    make_user("member", display_name="Ordinary Person")
    call_command("check_display_names")
    out = capsys.readouterr().out
    assert "Moderator Team" in out
    assert "reserved" in out and "invisible" in out and "title" in out
    assert "Ordinary Person" not in out
    assert "'Dr Ada D\\u0435mo'" in out
    assert "'Dr Ada Demo'" not in out  # the verified professional themself


PASSWORD = "a-long-pass-phrase-42"


def _sign_up(client, display_name: str):
    return client.post(
        SIGNUP,
        {
            "display_name": display_name,
            "email": "newcomer@example.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


CREDENTIAL_NAMES = [
    "Ada Demo MD",
    "Ada Demo, M.D.",
    "md Ada Demo",
    "Rowan Ash RN",
    "Rowan Ash, r.n.",
    "Rowan Ash PhD",
    "Rowan Ash, Ph.D.",
    "Rowan Ash DO",
    "Rowan Ash D.O.",
    "Rowan Ash NP",
    "Rowan Ash DNP",
    "Rowan Ash PA-C",
    "Rowan Ash MBBS",
    "Rowan Ash FRCP",
    "Rowan Ash,MD",
    "Rowan Ash (MD)",
    "Rowan Ash МD",  # Cyrillic М
    "王醫師",
    "陳醫生",
    "林護理師",
    "張博士",
    "醫師小美",
]


@pytest.mark.parametrize("name", CREDENTIAL_NAMES)
def test_signup_refuses_a_credential_in_any_position_and_says_why(client, name):
    response = _sign_up(client, name)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Only health professionals verified by our staff may show a credential" in (
        page
    )
    assert not Profile.objects.filter(user__email="newcomer@example.test").exists()


@pytest.mark.parametrize(
    "name", ["Rowan Do", "I Do Art", "Mandy Rowan", "Phd-free Zone", "Dorn Ash"]
)
def test_words_that_only_contain_credential_letters_are_fine(client, name):
    assert _code(name) is None


def test_the_profile_page_refuses_a_credential_for_a_member_in_chinese(client):
    member = make_user("member", display_name="Rowan Ash", language="zh-hant")
    client.force_login(member)
    response = client.post(
        "/zh-hant" + reverse("accounts:profile-edit"),
        {"display_name": "Rowan Ash MD", "email_frequency": "immediately"},
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "只有經本站工作人員認證的醫療專業人員" in page
    assert "Rowan Ash MD" in page  # what was typed comes back, with the reason
    assert Profile.objects.get(user=member).display_name == "Rowan Ash"


def test_a_verified_professional_keeps_their_credential(client):
    professional = make_user("professional", display_name="Ada Demo")
    client.force_login(professional)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Ada Demo MD", "email_frequency": "immediately"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Profile.objects.get(user=professional).display_name == "Ada Demo MD"


@pytest.mark.parametrize(
    "protected, role",
    [("Dr Ada Demo", "professional"), ("Ada Demo, MD", "professional")],
)
@pytest.mark.parametrize("taken", ["Ada Demo", "Ada Dеmo", "Dr.Ada Demo PhD"])
def test_the_core_of_a_professionals_name_is_refused_at_signup(
    client, protected, role, taken
):
    make_user(role, display_name=protected)
    response = _sign_up(client, taken)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert (
        "looks too much like the name of one of our health professionals" in page
        or "Only health professionals verified by our staff" in page
    )
    assert not Profile.objects.filter(user__email="newcomer@example.test").exists()


def test_another_verified_professional_cant_take_a_colleagues_core_name(client):
    make_user("professional", display_name="Dr Ada Demo")
    other = make_user("professional", display_name="Ben Other")
    client.force_login(other)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Ada Demo MD", "email_frequency": "immediately"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "looks too much like" in response.content.decode()


def test_the_core_of_a_moderators_name_is_refused_on_the_profile_page(client):
    make_user("moderator", display_name="Kit Marlowe")
    member = make_user("member", display_name="Rowan Ash")
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Kit Marl0we", "email_frequency": "immediately"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "looks too much like" in response.content.decode()
