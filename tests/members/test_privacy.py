"""/accounts/privacy/: downloading all of one's data, and deleting the account
(posts kept under "Former member" or removed), confirmed by password."""

import json
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEntry, DisclaimerAcknowledgement
from forum.models import (
    Board,
    Notification,
    Post,
    PostLike,
    PostVersion,
    Report,
    Thread,
    ThreadFollow,
)
from forum.services import (
    edit_post,
    follow_thread,
    like_post,
    report_member,
    report_post,
    unsubscribe_from_thread,
    warn_member,
)
from members.models import User
from members.privacy import delete_account
from search.models import SearchEntry
from tests.factories import PASSWORD, make_user, reauthenticate
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

PRIVACY = reverse("accounts:privacy")
EXPORT = reverse("accounts:privacy-export")
DELETE = reverse("accounts:privacy-delete")
PRIVACY_PAGE_QUERIES = 8


@pytest.fixture
def scene(db):
    """Sam has written, edited, liked, followed, reported and been warned; Willow too."""
    sam = make_user("member", email="sam@example.test", display_name="Sam")
    accept_terms(sam)
    willow = make_user("member", display_name="Willow")
    board = make_board(name="Morphea")
    own = make_thread(board=board, author=sam, title="Sam's question", body="Sam asks")
    edit_post(own.first_post, actor=sam, body="Sam asks, edited")
    theirs = make_thread(board=board, author=willow, title="Willow's thread")
    reply = make_post(theirs, author=sam, body="Sam replies in Willow's thread")
    willow_reply = make_post(own, author=willow, body="Willow answers Sam")
    like_post(willow_reply, actor=sam)
    like_post(reply, actor=willow)
    follow_thread(theirs, actor=sam)
    unsubscribe_from_thread(theirs, user=sam)
    report_post(theirs.first_post, actor=sam, reason="off_topic", note="Sam's note")
    report_member(willow, actor=sam, reason="spam")
    report_member(sam, actor=willow, reason="spam")
    warn_member(sam, actor=make_user("moderator"), message="Please stay on topic.")
    return {
        "sam": sam,
        "willow": willow,
        "board": board,
        "own": own,
        "theirs": theirs,
        "reply": reply,
        "willow_reply": willow_reply,
    }


# Export --------------------------------------------------------------------------------


def test_the_export_is_a_json_download_of_everything(client, scene):
    sam = scene["sam"]
    client.force_login(sam)
    reauthenticate(client)
    response = client.get(EXPORT)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="kindred-my-data-'
    )
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == "sam@example.test"
    assert data["profile"]["display_name"] == "Sam"
    assert [a["email"] for a in data["email_addresses"]] == ["sam@example.test"]
    posts = {p["text"]: p for p in data["forum_posts"]}
    assert set(posts) == {"Sam asks, edited", "Sam replies in Willow's thread"}
    assert posts["Sam asks, edited"]["earlier_versions"][0]["text"] == "Sam asks"
    assert [t["title"] for t in data["forum_threads_started"]] == ["Sam's question"]
    assert [like["post"] for like in data["forum_likes"]] == [scene["willow_reply"].pk]
    assert {f["title"] for f in data["forum_follows"]} == {"Sam's question"}
    assert [m["title"] for m in data["forum_email_unsubscribes"]] == ["Willow's thread"]
    reports = data["forum_reports_made"]
    assert [(r["reason"], r["note"]) for r in reports] == [
        ("off_topic", "Sam's note"),
        ("spam", ""),
    ]
    kinds = {n["kind"] for n in data["forum_notifications"]}
    assert {"followed_reply", "likes", "moderation"} <= kinds
    assert data["forum_moderation_received"][0]["message"] == "Please stay on topic."
    accepted = {a["disclaimer"] for a in data["disclaimer_acknowledgements"]}
    assert accepted == set(
        DisclaimerAcknowledgement.objects.filter(user=sam).values_list(
            "version__disclaimer__name", flat=True
        )
    )
    assert accepted


def test_the_export_holds_nobody_elses_data(client, scene):
    client.force_login(scene["sam"])
    reauthenticate(client)
    text = client.get(EXPORT).content.decode()
    assert "Willow answers Sam" not in text
    assert scene["willow"].email not in text


def test_the_export_needs_a_login_and_is_rate_limited(client, scene):
    response = client.get(EXPORT)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("account_login"))
    client.force_login(scene["sam"])
    reauthenticate(client)
    for _ in range(10):
        assert client.get(EXPORT).status_code == HTTPStatus.OK
    assert client.get(EXPORT).status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_the_export_runs_a_fixed_number_of_queries(client, scene):
    sam = scene["sam"]
    client.force_login(sam)
    reauthenticate(client)
    with CaptureQueriesContext(connection) as few:
        client.get(EXPORT)
    for n in range(5):
        post = make_post(scene["theirs"], author=sam, body=f"More {n}")
        edit_post(post, actor=sam, body=f"More {n}, edited")
        like_post(make_post(scene["theirs"]), actor=sam)
    from core.ratelimits import reset_rate

    reset_rate("export", sam)
    with CaptureQueriesContext(connection) as many:
        client.get(EXPORT)
    assert len(many) == len(few)


# The page --------------------------------------------------------------------------------


def test_the_privacy_page_links_from_settings_and_shows_both_choices(client, scene):
    client.force_login(scene["sam"])
    reauthenticate(client)
    settings_page = client.get(reverse("accounts:profile-edit")).content.decode()
    assert f'href="{PRIVACY}"' in settings_page
    page = client.get(PRIVACY).content.decode()
    assert f'href="{EXPORT}"' in page
    assert "Keep my posts, shown as written by “Former member”" in page
    assert "Remove the text of all my posts" in page
    assert 'autocomplete="current-password"' in page


def test_the_privacy_page_runs_a_fixed_number_of_queries(
    client, scene, django_assert_max_num_queries
):
    client.force_login(scene["sam"])
    reauthenticate(client)
    with django_assert_max_num_queries(PRIVACY_PAGE_QUERIES):
        assert client.get(PRIVACY).status_code == HTTPStatus.OK


def test_the_privacy_page_needs_a_login(client):
    response = client.get(PRIVACY)
    assert response.status_code == HTTPStatus.FOUND


# Deleting --------------------------------------------------------------------------------


def counters(scene) -> dict:
    own, theirs = (
        Thread.objects.get(pk=scene["own"].pk),
        Thread.objects.get(pk=scene["theirs"].pk),
    )
    return {
        "board": tuple(
            Board.objects.filter(pk=scene["board"].pk).values_list(
                "thread_count", "post_count"
            )[0]
        ),
        "own": (own.reply_count, own.like_count, own.follower_count),
        "theirs": (theirs.reply_count, theirs.like_count, theirs.follower_count),
        "willow_reply_likes": Post.objects.get(pk=scene["willow_reply"].pk).like_count,
    }


def test_keeping_posts_signs_them_former_member_and_keeps_counters_exact(client, scene):
    sam = scene["sam"]
    before = counters(scene)
    client.force_login(sam)
    reauthenticate(client)
    response = client.post(
        DELETE, {"mode": "keep", "password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert response.redirect_chain == [(reverse("home"), HTTPStatus.FOUND)]
    assert "Your account is deleted." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(pk=sam.pk).exists()
    reply = Post.objects.get(pk=scene["reply"].pk)
    assert (reply.author, reply.status, reply.body) == (
        None,
        "published",
        "Sam replies in Willow's thread",
    )
    after = counters(scene)
    assert after["board"] == before["board"]
    assert after["willow_reply_likes"] == before["willow_reply_likes"] - 1
    assert after["own"] == (
        before["own"][0],
        before["own"][1] - 1,
        before["own"][2] - 1,
    )
    assert after["theirs"] == before["theirs"]  # unfollowed by email before
    page = client.get(scene["theirs"].get_absolute_url()).content.decode()
    assert "Former member" in page and "Sam replies in Willow" in page
    entry = AuditEntry.objects.get(action="member.delete_account")
    assert entry.after["mode"] == "keep" and "Sam" not in str(entry.after)
    assert entry.actor_name == "system"


def test_removing_posts_erases_texts_and_versions_and_keeps_threads_readable(
    client, scene
):
    sam = scene["sam"]
    before = counters(scene)
    sam_posts = list(Post.objects.filter(author=sam).values_list("pk", flat=True))
    client.force_login(sam)
    reauthenticate(client)
    response = client.post(
        DELETE, {"mode": "remove", "password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == HTTPStatus.FOUND
    erased = Post.objects.filter(pk__in=sam_posts)
    assert set(erased.values_list("status", "body", "body_html", "author")) == {
        ("deleted", "", "", None)
    }
    assert not PostVersion.objects.filter(post__in=sam_posts).exists()
    assert not SearchEntry.objects.filter(post__in=sam_posts).exclude(body="").exists()
    after = counters(scene)
    assert after["board"] == (before["board"][0], before["board"][1] - 2)
    assert after["theirs"][0] == before["theirs"][0] - 1
    for thread in (scene["own"], scene["theirs"]):
        page = client.get(thread.get_absolute_url())
        assert page.status_code == HTTPStatus.OK
        text = page.content.decode()
        assert "This post was deleted by its author." in text
        assert "Sam asks" not in text and "Sam replies" not in text
    assert (
        "Willow answers Sam"
        in client.get(scene["own"].get_absolute_url()).content.decode()
    )


def test_likes_follows_notifications_and_profile_reports_go_with_the_account(scene):
    sam = scene["sam"]
    delete_account(sam, password=PASSWORD, mode="keep")
    assert not PostLike.objects.filter(user_id=sam.pk).exists()
    assert not ThreadFollow.objects.filter(user_id=sam.pk).exists()
    assert not Notification.objects.filter(recipient_id=sam.pk).exists()
    assert not Report.objects.filter(post__isnull=True, member__isnull=True).exists()
    kept = Report.objects.get(post=scene["theirs"].first_post)
    assert kept.reporter is None and kept.note == "Sam's note"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"mode": "keep", "password": "wrong", "confirm": "on"},
            "That password is not right",
        ),
        ({"mode": "keep", "password": PASSWORD}, "Please tick the box to confirm."),
        ({"password": PASSWORD, "confirm": "on"}, "Please choose what happens"),
        (
            {"mode": "all", "password": PASSWORD, "confirm": "on"},
            "Select a valid choice",
        ),
        ({"mode": "keep", "confirm": "on"}, "Please type your password to confirm."),
    ],
)
def test_nothing_is_deleted_without_the_password_and_confirmation(
    client, scene, data, message
):
    client.force_login(scene["sam"])
    reauthenticate(client)
    response = client.post(DELETE, data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert PASSWORD not in response.content.decode()
    assert User.objects.filter(pk=scene["sam"].pk).exists()
    assert Post.objects.filter(author=scene["sam"]).count() == 2


def test_deleting_only_takes_post(client, scene):
    client.force_login(scene["sam"])
    reauthenticate(client)
    assert client.get(DELETE).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert User.objects.filter(pk=scene["sam"].pk).exists()


def test_a_suspended_member_can_still_export_and_delete(client, scene):
    from forum.services import suspend_member

    sam = scene["sam"]
    suspend_member(sam, actor=make_user("moderator"), days=7, reason="Cooling off")
    client.force_login(sam)
    reauthenticate(client)
    assert client.get(EXPORT).status_code == HTTPStatus.OK
    client.post(DELETE, {"mode": "remove", "password": PASSWORD, "confirm": "on"})
    assert not User.objects.filter(pk=sam.pk).exists()


def test_the_export_asks_to_prove_it_is_you_first(client, scene):
    client.force_login(scene["sam"])
    response = client.get(EXPORT)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment")
