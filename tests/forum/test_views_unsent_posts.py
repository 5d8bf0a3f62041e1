"""Nothing typed is lost: an ended session or a refusal gives the text back."""

from datetime import timedelta
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, Thread
from tests.factories import PASSWORD, make_user
from tests.forum.factories import accept_terms

pytestmark = pytest.mark.django_db

TEXT = "It took me forty minutes to write this: the cream helped, slowly."


@pytest.fixture
def member(client):
    user = make_user("member")
    accept_terms(user)
    client.force_login(user)
    return user


def log_in_again(client, user, login_url):
    """The login page as a person uses it, following its `next`."""
    next_url = parse_qs(urlsplit(login_url).query)["next"][0]
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == HTTPStatus.FOUND
    return client.get(response.url)


def test_a_reply_sent_after_logging_out_waits_in_the_composer(client, member, thread):
    url = reverse("forum:reply-create", args=[thread.pk])
    to = thread.first_post_id
    assert client.get(f"{url}?to={to}").status_code == HTTPStatus.OK
    client.logout()  # the session ends while they type
    response = client.post(url, {"body": TEXT, "reply_to": to})
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))
    assert not Post.objects.filter(body=TEXT).exists()

    page = log_in_again(client, member, response.url)
    assert page.status_code == HTTPStatus.OK
    assert page.request["PATH_INFO"] == url
    assert page.context["thread"] == thread
    assert page.context["reply_to"].pk == to
    assert page.context["form"]["body"].value() == TEXT
    assert TEXT in page.content.decode()
    # Kept once: the next visit shows an empty composer.
    assert TEXT not in client.get(url).content.decode()


def test_a_new_thread_sent_after_the_session_expired_waits_in_the_composer(
    client, member, board
):
    url = reverse("forum:thread-create", args=[board.slug])
    client.get(url)
    client.cookies.pop("sessionid")  # expired: the browser no longer sends it
    response = client.post(url, {"title": "Itching at night", "body": TEXT})
    assert response.url.startswith(reverse("account_login"))
    page = log_in_again(client, member, response.url)
    assert page.request["PATH_INFO"] == url
    form = page.context["form"]
    assert (form["title"].value(), form["body"].value()) == ("Itching at night", TEXT)
    assert not Thread.objects.filter(title="Itching at night").exists()


def test_a_kept_text_is_for_its_own_composer_and_expires(
    client, member, thread, board, settings
):
    client.logout()
    url = reverse("forum:reply-create", args=[thread.pk])
    client.post(url, {"body": TEXT})
    client.force_login(member)
    other = reverse("forum:thread-create", args=[board.slug])
    assert TEXT not in client.get(other).content.decode()
    session = client.session
    kept = session["forum_unsent_post"]
    kept["saved_at"] -= int(timedelta(hours=25).total_seconds())
    session["forum_unsent_post"] = kept
    session.save()
    assert TEXT not in client.get(url).content.decode()


def test_a_reply_refused_because_the_thread_was_locked_keeps_the_text(
    client, member, thread
):
    url = reverse("forum:reply-create", args=[thread.pk])
    assert client.get(url).status_code == HTTPStatus.OK
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)  # meanwhile
    response = client.post(url, {"body": TEXT})
    assert response.status_code == HTTPStatus.FORBIDDEN
    page = response.content.decode()
    assert "This thread is locked" in page
    assert response.context["form"]["body"].value() == TEXT
    assert TEXT in page and '<form method="post"' in page
    assert not Post.objects.filter(body=TEXT).exists()


def test_a_reply_refused_because_the_member_was_suspended_keeps_the_text(
    client, member, thread
):
    url = reverse("forum:reply-create", args=[thread.pk])
    client.get(url)
    member.profile.suspended_until = timezone.now() + timedelta(days=3)
    member.profile.save(update_fields=["suspended_until"])
    response = client.post(url, {"body": TEXT})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "suspended until" in response.content.decode()
    assert response.context["form"]["body"].value() == TEXT
    assert not Post.objects.filter(body=TEXT).exists()


def test_a_new_thread_refused_to_a_suspended_member_keeps_the_text(
    client, member, board
):
    url = reverse("forum:thread-create", args=[board.slug])
    client.get(url)
    member.profile.suspended_until = timezone.now() + timedelta(days=3)
    member.profile.save(update_fields=["suspended_until"])
    response = client.post(url, {"title": "My long story", "body": TEXT})
    assert response.status_code == HTTPStatus.FORBIDDEN
    form = response.context["form"]
    assert (form["title"].value(), form["body"].value()) == ("My long story", TEXT)
    assert "suspended until" in response.content.decode()


def test_opening_the_composer_of_a_locked_thread_is_still_refused(
    client, member, thread
):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    url = reverse("forum:reply-create", args=[thread.pk])
    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
