import pytest
from django.core.exceptions import PermissionDenied

from forum.models import Thread, ThreadFollow, ThreadMute
from forum.services import follow_thread, unfollow_thread, unsubscribe_from_thread
from tests.factories import make_user
from tests.forum.factories import make_post

pytestmark = pytest.mark.django_db


def followers(thread):
    return Thread.objects.get(pk=thread.pk).follower_count


def test_follow_is_idempotent_and_counted(thread):
    fan = make_user("member")
    before = followers(thread)
    follow_thread(thread, actor=fan)
    follow_thread(thread, actor=fan)
    assert ThreadFollow.objects.filter(thread=thread, user=fan).count() == 1
    assert followers(thread) == before + 1


def test_unfollow_is_idempotent(thread):
    fan = make_user("member")
    follow_thread(thread, actor=fan)
    assert unfollow_thread(thread, actor=fan) is True
    assert unfollow_thread(thread, actor=fan) is False
    assert followers(thread) == 1  # the author


def test_replying_follows_the_thread(thread):
    reply = make_post(thread)
    assert ThreadFollow.objects.filter(thread=thread, user=reply.author).exists()
    assert followers(thread) == 2


def test_unverified_cannot_follow(thread):
    with pytest.raises(PermissionDenied):
        follow_thread(thread, actor=make_user("unverified"))


def test_unsubscribe_unfollows_and_mutes_until_followed_again(thread):
    fan = make_user("member")
    follow_thread(thread, actor=fan)
    unsubscribe_from_thread(thread, user=fan)
    assert not ThreadFollow.objects.filter(thread=thread, user=fan).exists()
    assert ThreadMute.objects.filter(thread=thread, user=fan).exists()
    follow_thread(thread, actor=fan)
    assert not ThreadMute.objects.filter(thread=thread, user=fan).exists()
