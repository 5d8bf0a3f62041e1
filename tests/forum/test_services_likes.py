import pytest
from django.core.exceptions import PermissionDenied

from forum.models import Notification, Post, PostLike, Thread
from forum.services import like_post, unlike_post
from tests.factories import make_user
from tests.forum.factories import make_post

pytestmark = pytest.mark.django_db


def counts(post):
    return (
        Post.objects.get(pk=post.pk).like_count,
        Thread.objects.get(pk=post.thread_id).like_count,
    )


def test_like_post_is_idempotent(thread):
    fan = make_user("member")
    like_post(thread.first_post, actor=fan)
    like_post(thread.first_post, actor=fan)
    assert PostLike.objects.filter(post=thread.first_post).count() == 1
    assert counts(thread.first_post) == (1, 1)


def test_thread_like_count_adds_up_likes_on_all_its_posts(thread):
    reply = make_post(thread)
    like_post(thread.first_post, actor=make_user("member"))
    like_post(reply, actor=make_user("member"))
    assert counts(reply) == (1, 2)


def test_unlike_is_idempotent(thread):
    fan = make_user("member")
    like_post(thread.first_post, actor=fan)
    assert unlike_post(thread.first_post, actor=fan) is True
    assert unlike_post(thread.first_post, actor=fan) is False
    assert counts(thread.first_post) == (0, 0)


def test_no_like_on_your_own_post(thread):
    with pytest.raises(PermissionDenied):
        like_post(thread.first_post, actor=thread.author)
    assert counts(thread.first_post) == (0, 0)


def test_no_like_on_a_deleted_post(thread):
    Post.objects.filter(pk=thread.first_post_id).update(status=Post.Status.DELETED)
    with pytest.raises(PermissionDenied):
        like_post(thread.first_post, actor=make_user("member"))


def test_likes_on_one_post_are_grouped_in_one_unread_notification(thread):
    first, second, third = (make_user("member") for _ in range(3))
    like_post(thread.first_post, actor=first)
    like_post(thread.first_post, actor=second)
    note = Notification.objects.get(recipient=thread.author, kind="likes")
    assert (note.actor_id, note.actor_count) == (second.pk, 2)
    note.read_at = note.updated_at
    note.save(update_fields=["read_at"])
    like_post(thread.first_post, actor=third)
    assert (
        Notification.objects.filter(recipient=thread.author, kind="likes").count() == 2
    )
    newest = Notification.objects.filter(read_at__isnull=True).get()
    assert (newest.actor_id, newest.actor_count) == (third.pk, 1)
