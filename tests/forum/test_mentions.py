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


def _reply_through_the_page(client, writer, thread, body):
    client.force_login(writer)
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {"from_thread": "1", "body": body},
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:500]
    return Post.objects.get(thread=thread, body=body)


@pytest.mark.parametrize(
    "name, written",
    [
        ("Helen (demo)", "Thanks @Helen (demo) for this."),
        ("Helen (demo)", "Thanks @helen (DEMO), see you."),
        ("美華（示範）", "謝謝 @美華（示範）的分享"),
        ("Dr. Who?", "Did you ask @Dr. Who? Yes."),
        ("Sam!", "@Sam! welcome"),
        ("[Ann] Lee", "cc @[Ann] Lee"),
    ],
)
def test_names_with_brackets_or_punctuation_link_and_notify(
    client, writer, name, written
):
    member = make_user("member", display_name=name)
    thread = make_thread()
    post = _reply_through_the_page(client, writer, thread, written)
    page = client.get(thread.get_absolute_url()).content.decode()
    link = f'<a href="{member.profile.get_absolute_url()}">@{name}</a>'
    assert link in page
    assert _mentions(member).filter(post=post).count() == 1


def test_the_longest_member_name_wins_and_plain_punctuation_stays_outside(
    client, writer
):
    helen = make_user("member", display_name="Helen")
    demo = make_user("member", display_name="Helen (demo)")
    thread = make_thread()
    post = _reply_through_the_page(
        client, writer, thread, "@Helen (demo) and @Helen, both right. @Helenka no."
    )
    assert (
        f'<a href="{demo.profile.get_absolute_url()}">@Helen (demo)</a> and '
        f'<a href="{helen.profile.get_absolute_url()}">@Helen</a>, both right. '
        "@Helenka no."
    ) in post.body_html
    assert _mentions(helen).count() == 1
    assert _mentions(demo).count() == 1


def test_a_mentioned_follower_gets_one_notice_saying_mentioned_you(client, writer):
    helen = make_user("member", display_name="Helen (demo)", post_count=10)
    accept_terms(helen)
    thread = make_thread()
    _reply_through_the_page(client, helen, thread, "I follow this thread now.")
    assert thread.follows.filter(user=helen).exists()
    post = _reply_through_the_page(
        client, writer, thread, "What do you think, @Helen (demo)?"
    )
    notices = Notification.objects.filter(recipient=helen, post=post)
    assert list(notices.values_list("kind", flat=True)) == [Notification.Kind.MENTION]
    client.force_login(helen)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "mentioned you" in page
    assert page.count(f"/p/{post.pk}/") == 1


def test_a_mentioned_followers_email_says_mentioned_you(
    client, writer, mailoutbox, django_capture_on_commit_callbacks
):
    helen = make_user("member", display_name="Helen (demo)")
    thread = make_thread(author=helen)
    with django_capture_on_commit_callbacks(execute=True):
        _reply_through_the_page(client, writer, thread, "Over to you, @Helen (demo).")
    [email] = [m for m in mailoutbox if m.to == [helen.email]]
    name = writer.profile.display_name
    assert email.subject == f"{name} mentioned you in “{thread.title}”"
    assert f"{name} mentioned you in “{thread.title}”:" in email.body
    assert "someone mentioned you in it" in email.body
