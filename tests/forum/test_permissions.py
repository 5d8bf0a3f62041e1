"""The permission matrix: every role × start, reply, edit, delete, like, follow, mark helpful.

Driven through the views, so the decorators, the `check_*` in the services and
the database effect are all exercised. Visitors are sent to log in; members who
haven't confirmed their email are asked to; everyone else may take part.
"""

from http import HTTPStatus

import pytest
from django.urls import reverse

from forum import permissions
from forum.models import Post, PostLike, Thread, ThreadFollow
from tests.factories import ROLES, make_user
from tests.forum.factories import make_post, make_thread

pytestmark = pytest.mark.django_db

PARTICIPANTS = ("member", "professional", "editor", "moderator")


def assert_refused(response, role):
    if role == "visitor":
        assert response.status_code == HTTPStatus.FOUND
        assert response.url.startswith(reverse("account_login"))
    elif role == "unverified":
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert b"Please confirm your email address" in response.content
    else:
        assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("role", ROLES)
def test_start_thread(client, login, board, role):
    login(role)
    response = client.post(
        reverse("forum:thread-create", args=[board.slug]),
        {"title": "Itching in the evening", "body": "Does anyone else itch at night?"},
    )
    created = Thread.objects.filter(title="Itching in the evening")
    if role in PARTICIPANTS:
        assert response.status_code == HTTPStatus.FOUND
        assert created.count() == 1
        assert response.url == created.get().get_absolute_url()
    else:
        assert_refused(response, role)
        assert not created.exists()


@pytest.mark.parametrize("role", ROLES)
def test_reply(client, login, thread, role):
    login(role)
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": "Same for me."}
    )
    replies = Post.objects.filter(thread=thread, body="Same for me.")
    if role in PARTICIPANTS:
        assert response.status_code == HTTPStatus.FOUND
        assert replies.count() == 1
    else:
        assert_refused(response, role)
        assert not replies.exists()


@pytest.mark.parametrize("role", ROLES)
def test_edit_own_post(client, login, thread, role):
    user = login(role)
    if role in PARTICIPANTS:
        post = make_post(thread, author=user, body="First words.")
    else:  # no posts of their own: they try someone else's
        post = thread.first_post
    response = client.post(
        reverse("forum:post-edit", args=[post.pk]), {"body": "Better words."}
    )
    post.refresh_from_db()
    if role in PARTICIPANTS:
        assert response.status_code == HTTPStatus.FOUND
        assert post.body == "Better words."
        assert post.versions.count() == 1
    else:
        assert_refused(response, role)
        assert post.body != "Better words."


@pytest.mark.parametrize("role", ROLES)
def test_nobody_edits_someone_elses_post(client, login, thread, role):
    login(role)
    post = thread.first_post
    response = client.post(
        reverse("forum:post-edit", args=[post.pk]), {"body": "Rewritten by another."}
    )
    assert_refused(response, role)
    post.refresh_from_db()
    assert post.body != "Rewritten by another."


@pytest.mark.parametrize("role", ROLES)
def test_delete_own_post(client, login, thread, role):
    user = login(role)
    post = make_post(thread, author=user) if role in PARTICIPANTS else thread.first_post
    response = client.post(reverse("forum:post-delete", args=[post.pk]))
    post.refresh_from_db()
    if role in PARTICIPANTS:
        assert response.status_code == HTTPStatus.FOUND
        assert post.status == Post.Status.DELETED
    else:
        assert_refused(response, role)
        assert post.status == Post.Status.PUBLISHED


@pytest.mark.parametrize("role", ROLES)
def test_nobody_deletes_someone_elses_post(client, login, thread, role):
    login(role)
    response = client.post(reverse("forum:post-delete", args=[thread.first_post_id]))
    assert_refused(response, role)
    assert Post.objects.get(pk=thread.first_post_id).status == Post.Status.PUBLISHED


@pytest.mark.parametrize("role", ROLES)
def test_like(client, login, thread, role):
    user = login(role)
    response = client.post(
        reverse("forum:post-like", args=[thread.first_post_id]), {"like": "1"}
    )
    if role in PARTICIPANTS:
        assert response.status_code == HTTPStatus.FOUND
        assert PostLike.objects.filter(post=thread.first_post, user=user).exists()
    else:
        assert_refused(response, role)
        assert not PostLike.objects.exists()


@pytest.mark.parametrize("role", PARTICIPANTS)
def test_nobody_likes_their_own_post(client, login, thread, role):
    user = login(role)
    post = make_post(thread, author=user)
    response = client.post(reverse("forum:post-like", args=[post.pk]), {"like": "1"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not PostLike.objects.filter(post=post).exists()


@pytest.mark.parametrize("role", ROLES)
def test_follow(client, login, thread, role):
    user = login(role)
    response = client.post(
        reverse("forum:thread-follow", args=[thread.pk]), {"follow": "1"}
    )
    if role in PARTICIPANTS:
        assert response.status_code == HTTPStatus.FOUND
        assert ThreadFollow.objects.filter(thread=thread, user=user).exists()
    else:
        assert_refused(response, role)
        assert (
            not ThreadFollow.objects.filter(thread=thread)
            .exclude(user=thread.author)
            .exists()
        )


@pytest.mark.parametrize("role", ROLES)
def test_mark_helpful_as_the_asker(client, login, qa_board, role):
    user = login(role)
    pro = make_user("professional")
    if role in PARTICIPANTS:
        question = make_thread(board=qa_board, author=user)
    else:
        question = make_thread(board=qa_board)
    answer = make_post(question, author=pro, body="General information.")
    response = client.post(
        reverse("forum:post-helpful", args=[answer.pk]), {"helpful": "1"}
    )
    question.refresh_from_db()
    if role in PARTICIPANTS:
        assert response.status_code == HTTPStatus.FOUND
        assert question.helpful_post_id == answer.pk
    else:
        assert_refused(response, role)
        assert question.helpful_post_id is None


@pytest.mark.parametrize("role", PARTICIPANTS)
def test_only_the_asker_marks_an_answer_helpful(client, login, qa_board, role):
    login(role)
    question = make_thread(board=qa_board)
    answer = make_post(question, author=make_user("professional"))
    response = client.post(
        reverse("forum:post-helpful", args=[answer.pk]), {"helpful": "1"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    question.refresh_from_db()
    assert question.helpful_post_id is None


# States --------------------------------------------------------------------


def test_locked_thread_refuses_replies_from_members(thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    thread.refresh_from_db()
    assert not permissions.can_reply(make_user("member"), thread)
    assert permissions.can_reply(make_user("moderator"), thread)


def test_locked_thread_refuses_a_reply_through_the_view(client, login, thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    login("member")
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": "Too late?"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert b"locked" in response.content
    assert not Post.objects.filter(body="Too late?").exists()


def test_deleted_post_cannot_be_edited_liked_or_deleted_again(thread):
    post = thread.first_post
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DELETED)
    post.refresh_from_db()
    author, other = thread.author, make_user("member")
    assert not permissions.can_edit_post(author, post)
    assert not permissions.can_delete_post(author, post)
    assert not permissions.can_like_post(other, post)


@pytest.mark.parametrize(
    ("status", "visible_to_others"),
    [
        (Post.Status.PUBLISHED, True),
        (Post.Status.DELETED, True),  # as a placeholder
        (Post.Status.PENDING, False),
        (Post.Status.HIDDEN, False),
    ],
)
def test_filter_visible_posts_by_state(thread, status, visible_to_others):
    post = make_post(thread)
    Post.objects.filter(pk=post.pk).update(status=status)
    qs = Post.objects.filter(pk=post.pk)
    assert permissions.filter_visible_posts(make_user("member"), qs).exists() is (
        visible_to_others
    )
    from django.contrib.auth.models import AnonymousUser

    assert permissions.filter_visible_posts(AnonymousUser(), qs).exists() is (
        visible_to_others
    )
    # The author and moderators always see it (marked in the template).
    assert permissions.filter_visible_posts(post.author, qs).exists()
    assert permissions.filter_visible_posts(make_user("moderator"), qs).exists()


def test_a_hidden_opening_post_hides_the_thread_from_others(thread):
    Post.objects.filter(pk=thread.first_post_id).update(status=Post.Status.HIDDEN)
    qs = Thread.objects.filter(pk=thread.pk)
    assert not permissions.filter_visible_threads(make_user("member"), qs).exists()
    assert permissions.filter_visible_threads(thread.author, qs).exists()
    assert permissions.filter_visible_threads(make_user("moderator"), qs).exists()


def test_only_moderators_read_post_versions():
    assert permissions.can_view_post_versions(make_user("moderator"))
    for role in ("member", "professional", "editor"):
        assert not permissions.can_view_post_versions(make_user(role))
