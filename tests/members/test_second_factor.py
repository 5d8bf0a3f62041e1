"""Second factors where the power is (members.security), through the pages: each
role with and without a factor, signing in, and the professional badge."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Board, Post
from members.models import User
from tests.factories import PASSWORD, give_second_factor, make_user, totp_code
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

MFA_INDEX = reverse("mfa_index")
STAFF_PAGES = {
    "moderator": ["/forum/moderation/", "/messages/reports/", "/messages/photos/held/"],
    "editor": ["/admin/", "/admin/articles/article/add/"],
    "professional": ["/admin/"],
}


@pytest.mark.parametrize(
    ("role", "path"),
    [(role, path) for role, paths in STAFF_PAGES.items() for path in paths],
)
def test_staff_pages_wait_for_a_second_factor(client, role, path):
    client.force_login(make_user(role, second_factor=False))
    response = client.get(path, follow=True)
    assert response.redirect_chain[0] == (MFA_INDEX, HTTPStatus.FOUND)
    assert "needs a second way to prove it is you" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "path"),
    [(role, path) for role, paths in STAFF_PAGES.items() for path in paths],
)
def test_with_a_second_factor_staff_pages_open(client, role, path):
    client.force_login(make_user(role))
    assert client.get(path).status_code == HTTPStatus.OK


def test_the_chinese_staff_pages_wait_too(client):
    client.force_login(make_user("moderator", second_factor=False))
    response = client.get("/zh-hant/forum/moderation/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith("/accounts/2fa/")


def test_an_administrator_without_a_factor_is_led_to_set_one_up(client):
    admin = User.objects.create_superuser(email="root@example.test", password="x")
    client.force_login(admin)
    assert client.get("/admin/")["Location"] == MFA_INDEX
    give_second_factor(admin)
    assert client.get("/admin/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("second_factor", [True, False])
def test_a_moderators_sight_waits_for_a_second_factor_too(client, second_factor):
    # Not only the staff pages: the permission itself waits (members.backends),
    # so a hidden post stays hidden on the thread page.
    thread = make_thread(title="A hidden reply inside")
    post = make_post(thread, body="Something a moderator hid.")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)
    client.force_login(make_user("moderator", second_factor=second_factor))
    page = client.get(thread.get_absolute_url()).content.decode()
    assert ("Something a moderator hid." in page) is second_factor


def test_members_are_never_asked_for_a_second_factor(client):
    client.force_login(make_user("member"))
    response = client.get("/forum/moderation/")
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND)
    assert client.get("/forum/").status_code == HTTPStatus.OK


def _log_in(client, user):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )


def test_signing_in_without_a_factor_leads_staff_to_set_one_up(client):
    moderator = make_user("moderator", second_factor=False)
    response = _log_in(client, moderator)
    assert response["Location"] == MFA_INDEX
    page = client.get(MFA_INDEX).content.decode()
    assert "needs a second way to prove it is you" in page
    assert reverse("mfa_activate_totp") in page


def test_signing_in_with_a_factor_asks_for_the_code_then_opens_the_queue(client):
    moderator = make_user("moderator")
    response = _log_in(client, moderator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/forum/moderation/").status_code != HTTPStatus.OK
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == HTTPStatus.OK  # the form again, with a message
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/forum/moderation/").status_code == HTTPStatus.OK


def test_a_used_code_cannot_sign_in_twice(client):
    moderator = make_user("moderator")
    code = totp_code()
    _log_in(client, moderator)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.logout()
    _log_in(client, moderator)
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == HTTPStatus.OK  # refused: a code is single-use


@pytest.mark.parametrize("second_factor", [True, False])
def test_the_professional_badge_waits_for_a_second_factor(client, second_factor):
    qa = make_board(kind=Board.Kind.QUESTIONS, name="Ask a professional")
    question = make_thread(board=qa)
    doctor = make_user("professional", second_factor=second_factor)
    accept_terms(doctor)
    client.force_login(doctor)
    page = client.get(question.get_absolute_url()).content.decode()
    assert ('name="short_answer"' in page) is second_factor
    client.post(
        reverse("forum:reply-create", args=[question.pk]),
        {"short_answer": "Twice a day.", "body": "It calms the skin."},
    )
    post = Post.objects.get(author=doctor)
    assert post.is_professional_answer is second_factor
