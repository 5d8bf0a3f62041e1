from http import HTTPStatus

import pytest
from django.urls import reverse

from forum.models import Notification, Post
from forum.services import approve_post, create_reply, edit_post
from members.models import Block
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = pytest.mark.django_db


def _mentions(user):
    return Notification.objects.filter(recipient=user, kind=Notification.Kind.MENTION)


@pytest.fixture
def writer():
    user = make_user("member", post_count=10)
    accept_terms(user)
    return user


def test_mention_links_the_profile_and_notifies_once(writer):
    ada = make_user("member", display_name="Ada Lovelace")
    thread = make_thread()
    post = create_reply(thread, actor=writer, body="Ask @Ada Lovelace, she knows.")
    assert f'href="{ada.profile.get_absolute_url()}"' in post.body_html
    assert "@Ada Lovelace</a>, she knows" in post.body_html
    assert _mentions(ada).count() == 1
    edit_post(post, actor=writer, body="Ask @Ada Lovelace again, she knows.")
    assert _mentions(ada).count() == 1


def test_mention_in_code_or_email_is_not_a_mention(writer):
    make_user("member", display_name="Bob")
    post = create_reply(make_thread(), actor=writer, body="`@Bob` and me@Bob.org")
    assert "/members/" not in post.body_html
    assert not Notification.objects.filter(kind="mention").exists()


def test_no_mention_notice_when_blocked_or_turned_off(writer):
    blocker = make_user("member", display_name="Blocker")
    Block.objects.create(blocker=blocker, blocked=writer)
    quiet = make_user("member", display_name="Quiet One", notify_on_mention=False)
    create_reply(make_thread(), actor=writer, body="@Blocker and @Quiet One")
    assert not _mentions(blocker).exists()
    assert not _mentions(quiet).exists()


@pytest.mark.sandbox
def test_pending_post_notifies_nobody(settings):
    settings.FORUM_APPROVE_FIRST_POSTS = 1
    newcomer = make_user("member")
    accept_terms(newcomer)
    cy = make_user("member", display_name="Cy Young")
    post = create_reply(make_thread(), actor=newcomer, body="Hello @Cy Young")
    assert post.status == Post.Status.PENDING
    assert not _mentions(cy).exists()


@pytest.mark.sandbox
def test_an_approved_post_tells_the_members_it_mentions_once(settings):
    settings.FORUM_APPROVE_FIRST_POSTS = 1
    newcomer = make_user("member")
    accept_terms(newcomer)
    cy = make_user("member", display_name="Cy Young")
    post = create_reply(make_thread(), actor=newcomer, body="Hello @Cy Young")
    approve_post(post, actor=make_user("moderator"))
    assert _mentions(cy).count() == 1


def test_at_most_ten_members_are_told(writer, settings):
    people = [make_user("member", display_name=f"Name{i:02d}") for i in range(12)]
    body = " ".join(f"@{p.profile.display_name}" for p in people)
    create_reply(make_thread(), actor=writer, body=body)
    assert Notification.objects.filter(kind="mention").count() == 10
    assert not _mentions(people[11]).exists()


def test_mention_shows_in_the_notifications_page(client, writer):
    ada = make_user("member", display_name="Ada Byron")
    thread = make_thread()
    create_reply(thread, actor=writer, body="Hi @Ada Byron")
    client.force_login(ada)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == HTTPStatus.OK
    assert "mentioned you" in response.content.decode()


def test_blocked_members_posts_are_folded_on_the_thread_page(client, writer):
    reader = make_user("member")
    thread = make_thread()
    create_reply(thread, actor=writer, body="Something I would rather not read")
    Block.objects.create(blocker=reader, blocked=writer)
    client.force_login(reader)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "You blocked this member" in page
    assert '<details class="blocked-post">' in page
    client.force_login(make_user("member"))
    assert (
        "You blocked this member"
        not in client.get(thread.get_absolute_url()).content.decode()
    )


def test_a_forum_reply_counts_as_having_talked_for_new_members(client, writer):
    newcomer = make_user("member")
    accept_terms(newcomer)
    thread = make_thread()
    opening = create_reply(thread, actor=writer, body="A question")
    create_reply(thread, actor=newcomer, body="An answer", reply_to=opening)
    client.force_login(newcomer)
    response = client.post(
        reverse("conversations:start"),
        {"to": writer.profile.display_name, "body": "Can we talk?"},
    )
    assert response.status_code == HTTPStatus.FOUND
