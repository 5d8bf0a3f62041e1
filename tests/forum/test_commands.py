from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from forum.models import Post
from forum.services import delete_post
from members.models import Profile
from tests.forum.factories import make_post

pytestmark = pytest.mark.django_db


def test_purge_deleted_posts_command(thread, capsys):
    post = make_post(thread, body="To be erased")
    delete_post(post, actor=post.author)
    Post.objects.filter(pk=post.pk).update(
        deleted_at=timezone.now() - timedelta(days=40)
    )
    call_command("purge_deleted_posts")
    assert Post.objects.get(pk=post.pk).body == ""
    assert "1 deleted post" in capsys.readouterr().out


def test_purge_keeps_text_for_the_configured_days(thread, settings):
    settings.FORUM_DELETED_TEXT_DAYS = 60
    post = make_post(thread, body="Still kept")
    delete_post(post, actor=post.author)
    Post.objects.filter(pk=post.pk).update(
        deleted_at=timezone.now() - timedelta(days=40)
    )
    call_command("purge_deleted_posts")
    assert Post.objects.get(pk=post.pk).body == "Still kept"


def test_send_forum_digest_command(thread, mailoutbox, capsys):
    Profile.objects.filter(user=thread.author).update(email_frequency="daily")
    make_post(thread, body="News for the digest")
    call_command("send_forum_digest")
    assert [m.to for m in mailoutbox] == [[thread.author.email]]
    assert "News for the digest" in mailoutbox[0].body
    assert "Sent 1 digest" in capsys.readouterr().out
