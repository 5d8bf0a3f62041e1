"""Members' thread pages reuse each post's rendered header (core.pagecache
fragments) and add only their own bits (liked, edit, report, message). Every
change shows on the next request, for members as for visitors; no member ever
gets another member's bits, and pending, hidden, members-only and deleted posts
never reach anyone through a fragment."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from core import disclaimers
from core.models import Disclaimer
from forum.models import Board, Post, Thread
from forum.services import likes, moderation, posts
from members.services import update_profile
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

HEADER = "forum/includes/post_header.html"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGECACHE_ENABLED = True


@pytest.fixture
def author(db):
    user = make_user("member", display_name="Willow")
    accept_terms(user)
    return user


@pytest.fixture
def reader(db):
    user = make_user("member", display_name="Juniper")
    accept_terms(user)
    return user


@pytest.fixture
def thread(author):
    return make_thread(author=author, title="Tight skin on my arm")


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response


def headers_rendered(response) -> int:
    return sum(1 for template in response.templates if template.name == HEADER)


def visit(client, url):
    client.logout()
    return client.get(url)


def test_a_members_second_request_reuses_the_post_headers(client, thread, reader):
    make_post(thread, body="Cotton sleeves helped.")
    url = thread.get_absolute_url()
    first = page(client, reader, url)
    assert headers_rendered(first) == 2
    second = page(client, reader, url)
    assert headers_rendered(second) == 0
    for response in (first, second):
        assert response.content.count(b'class="post-heading"') == 2
        assert b">Willow</a>" in response.content


def test_another_member_reuses_them_but_gets_their_own_actions(
    client, thread, author, reader
):
    url = thread.get_absolute_url()
    edit = reverse("forum:post-edit", args=[thread.first_post.pk]).encode()
    own = page(client, author, url)
    assert edit in own.content
    theirs = page(client, reader, url)
    assert headers_rendered(theirs) == 0  # the author's request rendered it
    assert edit not in theirs.content
    assert b"Juniper" in theirs.content and b">Willow</a>" in theirs.content
    report = reverse("forum:post-report", args=[thread.first_post.pk]).encode()
    assert report in theirs.content


def test_a_like_is_the_likers_own(client, thread, author, reader):
    url = thread.get_absolute_url()
    page(client, reader, url)
    likes.like_post(thread.first_post, actor=reader)
    liked = page(client, reader, url).content
    assert b"1 like<" in liked and b">Unlike<" in liked
    other = make_user("member")
    seen = page(client, other, url).content
    assert b"1 like<" in seen and b">Unlike<" not in seen
    assert b"1 like<" in visit(client, url).content


def test_a_reply_shows_on_the_next_member_request(client, thread, reader):
    url = thread.get_absolute_url()
    page(client, reader, url)
    make_post(thread, author=make_user("member", display_name="Rowan"), body="Hi.")
    response = page(client, reader, url)
    assert b">Rowan</a>" in response.content
    assert b"Hi." in response.content


def test_an_edit_shows_on_the_next_member_request(client, thread, author, reader):
    url = thread.get_absolute_url()
    assert b"edited" not in page(client, reader, url).content
    posts.edit_post(thread.first_post, actor=author, body="It is on my forearm.")
    response = page(client, reader, url).content
    assert b"It is on my forearm." in response
    assert b" \xc2\xb7 edited" in response


def test_a_new_display_name_shows_on_the_next_member_request(
    client, thread, author, reader
):
    url = thread.get_absolute_url()
    assert b">Willow</a>" in page(client, reader, url).content
    update_profile(author.profile, actor=author, display_name="Aspen")
    response = page(client, reader, url).content
    assert b">Aspen</a>" in response and b">Willow</a>" not in response


def test_a_hidden_post_leaves_other_members_pages(client, thread, reader):
    writer = make_user("member", display_name="Seller")
    reply = make_post(thread, author=writer, body="Buy miracle cream at my shop.")
    url = thread.get_absolute_url()
    assert b"Buy miracle cream" in page(client, reader, url).content
    moderation.hide_post(reply, actor=make_user("moderator"), reason="Advertising")
    assert b"Buy miracle cream" not in page(client, reader, url).content
    assert b">Seller</a>" not in page(client, reader, url).content
    own = page(client, writer, url).content
    assert b"Buy miracle cream" in own and b"Hidden by a moderator" in own


def test_marking_helpful_shows_on_the_next_member_request(client, author, reader):
    board = make_board(kind=Board.Kind.QUESTIONS)
    questions = make_thread(board=board, author=author, title="Which cream at night?")
    answer = make_post(questions, author=reader, body="Mine is plain emollient.")
    url = questions.get_absolute_url()
    assert b"Marked helpful by the asker" not in page(client, reader, url).content
    helpful = reverse("forum:post-helpful", args=[answer.pk])
    client.force_login(author)
    client.post(helpful, {"helpful": "1"})
    assert Thread.objects.get(pk=questions.pk).helpful_post_id == answer.pk
    assert b"Marked helpful by the asker" in page(client, reader, url).content


def test_locking_shows_on_the_next_member_request(client, thread, reader):
    url = thread.get_absolute_url()
    assert b'class="badge">Locked' not in page(client, reader, url).content
    moderation.lock_thread(thread, actor=make_user("moderator"), reason="Heated")
    assert b'class="badge">Locked' in page(client, reader, url).content


def test_a_disclaimer_change_shows_on_the_next_member_request(
    client, reader, django_capture_on_commit_callbacks
):
    url = reverse("guidelines")
    page(client, reader, url)
    disclaimer = Disclaimer.objects.get(scope=Disclaimer.Scope.GUIDELINES)
    with django_capture_on_commit_callbacks(execute=True):
        disclaimers.publish_version(
            disclaimer, body="Brand-new community guidelines.", major=False, actor=None
        )
    assert b"Brand-new community guidelines." in page(client, reader, url).content


def test_a_pending_post_reaches_only_its_author(client, thread, reader, settings):
    settings.FORUM_APPROVE_FIRST_POSTS = 1
    newcomer = make_user("member", display_name="Newcomer")
    accept_terms(newcomer)
    reply = posts.create_reply(thread, actor=newcomer, body="Waiting for approval.")
    assert reply.status == Post.Status.PENDING
    url = thread.get_absolute_url()
    assert b"Waiting for approval." in page(client, newcomer, url).content
    for response in (page(client, reader, url), visit(client, url)):
        assert b"Waiting for approval." not in response.content
        assert b">Newcomer</a>" not in response.content


def test_a_deleted_post_shows_its_placeholder_to_everyone(client, thread, reader):
    writer = make_user("member", display_name="Regretful")
    reply = make_post(thread, author=writer, body="I regret writing this.")
    url = thread.get_absolute_url()
    assert b"I regret writing this." in page(client, reader, url).content
    posts.delete_post(reply, actor=writer)
    response = page(client, reader, url).content
    assert b"I regret writing this." not in response
    assert b"This post was deleted by its author." in response


def test_a_members_only_thread_never_reaches_visitors(client, thread, reader):
    Thread.objects.filter(pk=thread.pk).update(members_only=True)
    thread.members_only = True  # its address names no title now
    url = thread.get_absolute_url()
    assert b"Tight skin on my arm" in page(client, reader, url).content
    response = visit(client, url)
    assert b"Willow</a>" not in response.content


def test_headers_follow_the_language(client, thread, reader):
    url = thread.get_absolute_url()
    english = page(client, reader, url).content
    assert b"Started this thread" in english
    chinese = page(client, reader, "/zh-hant" + url).content
    assert b"Started this thread" not in chinese


def test_with_caching_off_every_header_is_rendered(client, thread, reader, settings):
    settings.PAGECACHE_ENABLED = False
    url = thread.get_absolute_url()
    page(client, reader, url)
    assert headers_rendered(page(client, reader, url)) == 1
