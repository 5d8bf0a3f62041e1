"""Drafts that are never lost: saved by a button or as the member types, offered
back in the composer on any device or after logging in again, gone once posted
or discarded, private to their author, in the privacy export."""

import json
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from forum.models import Draft, Post
from forum.services import discard_draft, save_draft
from members.privacy import export_account_data
from tests.factories import PASSWORD, make_user
from tests.forum.factories import accept_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    user = make_user("member", email="drafter@example.test")
    accept_terms(user)
    return user


def new_thread_url(board) -> str:
    return reverse("forum:thread-create", args=[board.slug])


def reply_url(thread) -> str:
    return reverse("forum:reply-create", args=[thread.pk])


# Services -----------------------------------------------------------------------


def test_saving_twice_keeps_one_draft_per_place(member, board, thread):
    save_draft(member, board=board, title="First", body="one")
    save_draft(member, board=board, title="Second", body="two")
    save_draft(member, thread=thread, body="a reply")
    assert Draft.objects.filter(author=member).count() == 2
    assert Draft.objects.get(author=member, board=board).title == "Second"


def test_the_database_refuses_a_second_draft_for_the_same_place(member, board):
    save_draft(member, board=board, body="one")
    with pytest.raises(IntegrityError), transaction.atomic():
        Draft.objects.create(author=member, board=board, body="two")


def test_saving_nothing_discards_the_draft(member, board):
    save_draft(member, board=board, body="something")
    assert save_draft(member, board=board, title="  ", body="   ") is None
    assert not Draft.objects.filter(author=member).exists()


def test_a_draft_too_long_to_keep_is_refused_not_cut(member, thread):
    with pytest.raises(ValidationError):
        save_draft(member, thread=thread, body="x" * (Post.BODY_MAX + 1))


@pytest.mark.parametrize("role", ["unverified"])
def test_only_members_keep_drafts(board, role):
    with pytest.raises(PermissionDenied):
        save_draft(make_user(role), board=board, body="hello")


def test_discarding_is_idempotent(member, board):
    save_draft(member, board=board, body="hello")
    assert discard_draft(member, board=board) == 1
    assert discard_draft(member, board=board) == 0


# Through the pages --------------------------------------------------------------


def test_save_draft_button_keeps_the_text_without_posting(client, member, board):
    client.force_login(member)
    response = client.post(
        new_thread_url(board),
        {"title": "Half", "body": "Half a thought", "save_draft": "1"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == new_thread_url(board)
    draft = Draft.objects.get(author=member, board=board)
    assert (draft.title, draft.body) == ("Half", "Half a thought")
    assert not board.threads.exists()


def test_a_draft_is_offered_back_on_another_device(member, board):
    first, second = Client(), Client()
    first.force_login(member)
    first.post(
        new_thread_url(board),
        {"title": "Cold fingers", "body": "Raynaud's again", "save_draft": "1"},
    )
    second.force_login(member)
    response = second.get(new_thread_url(board))
    form = response.context["form"]
    assert form["title"].value() == "Cold fingers"
    assert form["body"].value() == "Raynaud's again"
    assert "is back" in response.content.decode()
    assert b'name="discard_draft"' in response.content


def test_a_draft_is_back_after_the_session_expires_and_the_member_logs_in(
    client, member, thread
):
    client.force_login(member)
    client.post(reply_url(thread), {"body": "What I wrote before lunch"})
    client.post(
        reply_url(thread), {"body": "What I wrote before lunch", "save_draft": "1"}
    )
    # The session ends (expired on the server); the member logs in again.
    client.session.flush()
    client.cookies.clear()
    response = client.get(reply_url(thread))
    assert response.status_code == HTTPStatus.FOUND  # sent to log in
    response = client.post(
        reverse("account_login"),
        {"login": member.email, "password": PASSWORD, "next": reply_url(thread)},
        follow=True,
    )
    assert response.context["form"]["body"].value() == "What I wrote before lunch"
    html = response.content.decode()
    assert "Your draft from" in html
    assert "is back" in html


def test_autosave_keeps_what_is_typed_then_posting_removes_the_draft(
    client, member, thread
):
    client.force_login(member)
    response = client.post(
        reverse("forum:draft-save"),
        {"thread": thread.pk, "body": "Typed so far"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == HTTPStatus.OK
    assert json.loads(response.content)["saved"] is True
    assert Draft.objects.get(author=member, thread=thread).body == "Typed so far"
    response = client.post(reply_url(thread), {"body": "Typed so far, and done."})
    assert response.status_code == HTTPStatus.FOUND
    assert not Draft.objects.filter(author=member).exists()


def test_posting_a_thread_removes_its_draft(client, member, board):
    client.force_login(member)
    client.post(reverse("forum:draft-save"), {"board": board.slug, "body": "Draft"})
    client.post(new_thread_url(board), {"title": "Bleach baths", "body": "Anyone?"})
    assert board.threads.filter(title="Bleach baths").exists()
    assert not Draft.objects.filter(author=member).exists()


def test_discard_draft_button_forgets_it(client, member, board):
    client.force_login(member)
    save_draft(member, board=board, title="Gone soon", body="text")
    response = client.post(
        new_thread_url(board), {"title": "x", "body": "y", "discard_draft": "1"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not Draft.objects.exists()
    response = client.get(new_thread_url(board))
    assert response.context["form"]["title"].value() in (None, "")


def test_autosave_is_csrf_protected(member, board):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(reverse("forum:draft-save"), {"board": board.slug})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Draft.objects.exists()


def test_autosave_needs_a_login_and_a_real_place(client, member, board):
    response = client.post(reverse("forum:draft-save"), {"board": board.slug})
    assert response.status_code == HTTPStatus.FOUND
    client.force_login(member)
    for data in ({"board": "nowhere"}, {"thread": "999999"}, {}):
        response = client.post(reverse("forum:draft-save"), {**data, "body": "x"})
        assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Draft.objects.exists()


def test_drafts_are_private_to_their_author(client, member, board):
    save_draft(member, board=board, title="Mine", body="My secret draft")
    other = make_user("member")
    accept_terms(other)
    client.force_login(other)
    response = client.get(new_thread_url(board))
    assert "My secret draft" not in response.content.decode()
    assert response.context["form"]["body"].value() in (None, "")


def test_the_composers_offer_draft_buttons_and_load_the_script(client, member, board):
    client.force_login(member)
    html = client.get(new_thread_url(board)).content.decode()
    assert 'name="save_draft"' in html
    assert "data-draft-url" in html
    assert "forum/forum" in html


# Privacy -------------------------------------------------------------------------


def test_the_export_includes_own_drafts(member, board, thread):
    save_draft(member, board=board, title="Exported", body="Draft text")
    save_draft(make_user("member"), board=board, body="Someone else's")
    drafts = export_account_data(member)["forum_drafts"]
    assert [(d["title"], d["text"]) for d in drafts] == [("Exported", "Draft text")]
