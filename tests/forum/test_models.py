import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forum.models import Board, Notification, Post, PostLike, ThreadFollow, thread_slug
from tests.factories import make_user
from tests.forum.factories import make_group

pytestmark = pytest.mark.django_db


def test_one_like_per_member_per_post_in_the_database(thread):
    user = make_user("member")
    PostLike.objects.create(post=thread.first_post, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        PostLike.objects.create(post=thread.first_post, user=user)


def test_one_follow_per_member_per_thread_in_the_database(thread):
    with pytest.raises(IntegrityError), transaction.atomic():
        ThreadFollow.objects.create(thread=thread, user=thread.author)


def test_an_opening_post_cannot_be_nested(thread):
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(
            thread=thread, is_opening=True, parent=thread.first_post, body="x"
        )


def test_one_unread_likes_notification_per_post(thread):
    fields = {
        "recipient": thread.author,
        "kind": "likes",
        "thread": thread,
        "post": thread.first_post,
    }
    Notification.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**fields)


def test_board_slugs_cannot_take_the_forums_own_paths():
    board = Board(group=make_group(), name="Threads", slug="t")
    with pytest.raises(ValidationError) as raised:
        board.full_clean()
    assert "slug" in raised.value.message_dict


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Itching at night?", "itching-at-night"),
        ("???", "thread"),
        ("Été & sclérodermie", "été-sclérodermie"),
    ],
)
def test_thread_slug(title, slug):
    assert thread_slug(title) == slug
