"""Reads: fixed query counts whatever the size, pagination, nesting, Q&A order."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from core import pagecache
from core.models import Topic
from forum.models import Board, Post, Thread
from forum.selectors import (
    active_threads,
    page_number_for_post,
    thread_page,
    threads_for_topic,
)
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

# The pinned budgets: a signed-in member's page, whatever the number of posts.
THREAD_PAGE_QUERIES = 17
# 12 with what is new for the member: their read positions, "mark all read"
# marks and the unread replies of the threads they read before (one query each).
BOARD_PAGE_QUERIES = 12
# 8: the header asks whether the viewer moderates (user and group permissions);
# 10 with the member's "mark all read" marks and their threads with new posts.
INDEX_QUERIES = 10


def count_queries(client, url) -> int:
    client.get(url)  # the session and permissions come from the cache once warm
    pagecache.bump()  # but the visitors' page cache would answer without the view
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


def test_thread_page_runs_a_fixed_number_of_queries(
    client, board, django_assert_max_num_queries
):
    viewer = make_user("member")
    accept_terms(viewer)
    client.force_login(viewer)
    small = make_thread(board=board, replies=2, nested=1)
    big = make_thread(board=board, replies=500, nested=2, likes=40, followers=60)
    small_count = count_queries(client, small.get_absolute_url())
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES):
        response = client.get(big.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert count_queries(client, big.get_absolute_url() + "?page=13") == small_count
    assert count_queries(client, big.get_absolute_url()) == small_count


def test_question_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    small = make_thread(board=qa, title="Morphea itching question", replies=1)
    big = make_thread(board=qa, title="Morphea cream question", replies=500, nested=1)
    make_thread(board=qa, title="Another morphea question")
    assert count_queries(client, small.get_absolute_url()) == count_queries(
        client, big.get_absolute_url()
    )
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES):
        client.get(big.get_absolute_url())


def test_board_page_runs_a_fixed_number_of_queries(
    client, board, django_assert_max_num_queries
):
    client.force_login(make_user("member"))
    make_thread(board=board, replies=3)
    few = count_queries(client, board.get_absolute_url())
    for _ in range(30):
        make_thread(board=board, author=make_user("member"), replies=2, likes=1)
    with django_assert_max_num_queries(BOARD_PAGE_QUERIES):
        client.get(board.get_absolute_url())
    assert count_queries(client, board.get_absolute_url()) == few
    assert count_queries(client, board.get_absolute_url() + "?page=2") == few


def test_forum_index_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    client.force_login(make_user("member"))
    make_thread(board=make_board(), replies=1)
    few = count_queries(client, "/forum/")
    for _ in range(6):
        make_thread(board=make_board(), replies=2)
    with django_assert_max_num_queries(INDEX_QUERIES):
        client.get("/forum/")
    assert count_queries(client, "/forum/") == few


def test_thread_page_holds_20_top_level_posts_with_their_nested_replies(board):
    thread = make_thread(board=board, replies=45, nested=2)
    first = thread_page(thread, AnonymousUser(), 1)
    last = thread_page(thread, AnonymousUser(), 3)
    assert len(first.posts) == 20
    assert all(len(post.replies) == 2 for post in first.posts)
    assert all(
        reply.parent_id == post.pk for post in first.posts for reply in post.replies
    )
    assert first.opening == thread.first_post
    assert len(last.posts) == 5 and last.opening is None
    assert first.page.paginator.num_pages == 3


def test_thread_page_past_the_last_is_404_and_nonsense_is_page_one(board):
    thread = make_thread(board=board, replies=25)
    assert thread_page(thread, AnonymousUser(), 2).page.number == 2
    with pytest.raises(Http404):
        thread_page(thread, AnonymousUser(), 99)
    assert thread_page(thread, AnonymousUser(), "nonsense").page.number == 1


def test_thread_page_hides_pending_posts_from_others_but_not_their_author(board):
    thread = make_thread(board=board, replies=2)
    pending = thread.posts.filter(is_opening=False).first()
    Post.objects.filter(pk=pending.pk).update(status=Post.Status.PENDING)
    others = thread_page(thread, make_user("member"), 1)
    mine = thread_page(thread, pending.author, 1)
    assert pending.pk not in [p.pk for p in others.posts]
    assert pending.pk in [p.pk for p in mine.posts]


def test_page_number_for_post_finds_its_group(board):
    thread = make_thread(board=board, replies=45, nested=1)
    top = list(thread.posts.filter(parent__isnull=True, is_opening=False))
    nested_on_page_3 = Post.objects.get(parent=top[41])
    viewer = AnonymousUser()
    assert page_number_for_post(thread.first_post, viewer) == 1
    assert page_number_for_post(top[0], viewer) == 1
    assert page_number_for_post(top[19], viewer) == 1
    assert page_number_for_post(top[20], viewer) == 2
    assert page_number_for_post(nested_on_page_3, viewer) == 3


def test_question_answers_from_professionals_come_first(other_member):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, author=other_member)
    early_member = make_post(question)
    pro = make_post(question, author=make_user("professional"))
    page = thread_page(question, AnonymousUser(), 1)
    assert [p.pk for p in page.posts] == [pro.pk, early_member.pk]
    assert page_number_for_post(pro, AnonymousUser()) == 1
    assert page.posts[0].badges[0].label == "Health professional · Dermatology"


def test_board_lists_pinned_threads_first_then_latest_activity(client, board):
    old = make_thread(board=board, title="Old but pinned")
    middle = make_thread(board=board, title="Middle")
    newest = make_thread(board=board, title="Newest")
    make_post(middle)  # activity moves it above "Newest"
    Thread.objects.filter(pk=old.pk).update(is_pinned=True)
    from forum.selectors import list_threads

    titles = [t.title for t in list_threads(board, AnonymousUser())]
    assert titles == ["Old but pinned", "Middle", "Newest"]
    assert newest.pk


def test_active_threads_for_the_home_page(board):
    first = make_thread(board=board)
    second = make_thread(board=board)
    make_post(first)
    assert active_threads(AnonymousUser(), limit=1) == [first]
    assert set(active_threads(AnonymousUser())) == {first, second}


def test_threads_for_topic(board):
    topic = Topic.objects.create(name="Methotrexate", slug="methotrexate")
    tagged = make_thread(board=board, topics=[topic])
    make_thread(board=board)
    hidden = make_thread(board=board, topics=[topic])
    Post.objects.filter(pk=hidden.first_post_id).update(status=Post.Status.HIDDEN)
    assert threads_for_topic(topic, AnonymousUser()) == [tagged]
