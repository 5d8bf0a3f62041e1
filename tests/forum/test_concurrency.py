"""Counters stay exact when many people like, reply and follow at the same moment.

Needs PostgreSQL: real threads, each with its own connection and transaction.
SQLite serializes every write, so the test would prove nothing there.
"""

import threading

import pytest
from django.db import close_old_connections, connection

from forum.models import Board, Post, PostLike, Thread, ThreadFollow
from forum.services import create_reply, follow_thread, like_post
from members.models import Profile
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import (
    make_board,
    make_members,
    make_thread,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrency of counters needs PostgreSQL (SQLite serializes writes).",
    ),
]

WORKERS = 12


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def run_together(actions) -> list[BaseException]:
    """Start every action at once in its own thread; return the errors raised."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action):
        try:
            barrier.wait()
            action()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _members(count):
    from core import disclaimers

    members = make_members(count)
    for member in members:
        disclaimers.acknowledge(member, disclaimers.pending_acknowledgements(member))
    return members


def test_concurrent_likes_replies_and_follows_keep_exact_counts():
    """Likes on different posts of one thread, double clicks, replies in different
    threads of one board, and follows of one thread, all at the same moment."""
    board = make_board()
    busy = make_thread(board=board, title="Busy thread", replies=WORKERS)
    others = [make_thread(board=board, title=f"Quiet {n}") for n in range(WORKERS)]
    posts = list(busy.posts.filter(is_opening=False))
    likers, repliers, followers = (
        _members(WORKERS),
        _members(WORKERS),
        _members(WORKERS),
    )
    board_posts_before = Board.objects.get(pk=board.pk).post_count
    followers_before = Thread.objects.get(pk=busy.pk).follower_count

    actions = []
    for user, post in zip(likers, posts, strict=True):
        actions.append(lambda user=user, post=post: like_post(post, actor=user))
        # A double click from the same person, at the same time.
        actions.append(lambda user=user, post=post: like_post(post, actor=user))
    for user, thread in zip(repliers, others, strict=True):
        actions.append(
            lambda user=user, thread=thread: create_reply(
                thread, actor=user, body=f"From {user.pk}"
            )
        )
    for user in followers:
        actions.append(lambda user=user: follow_thread(busy, actor=user))
    errors = run_together(actions)
    assert errors == []

    busy = Thread.objects.get(pk=busy.pk)
    board = Board.objects.get(pk=board.pk)
    assert PostLike.objects.filter(post__thread=busy).count() == WORKERS
    assert busy.like_count == WORKERS
    assert all(Post.objects.get(pk=post.pk).like_count == 1 for post in posts)
    assert board.post_count == board_posts_before + WORKERS
    assert board.thread_count == WORKERS + 1
    assert all(Thread.objects.get(pk=t.pk).reply_count == 1 for t in others)
    assert busy.follower_count == followers_before + WORKERS
    assert busy.follower_count == ThreadFollow.objects.filter(thread=busy).count()
    assert set(
        Profile.objects.filter(user__in=repliers).values_list("post_count", flat=True)
    ) == {1}


def test_concurrent_replies_by_one_member_count_each_post():
    thread = make_thread(board=make_board())
    (member,) = _members(1)
    errors = run_together(
        [
            lambda n=n: create_reply(thread, actor=member, body=f"Reply {n}")
            for n in range(WORKERS)
        ]
    )
    assert errors == []
    assert Profile.objects.get(user=member).post_count == WORKERS
    assert Thread.objects.get(pk=thread.pk).reply_count == WORKERS
    assert ThreadFollow.objects.filter(thread=thread, user=member).count() == 1


def test_replies_while_a_thread_becomes_members_only_keep_the_public_figures_exact():
    """Visitors' figures (issue 21): replies to a thread at the very moment a
    moderator makes it members-only are counted once, on the right side."""
    from forum.services import make_thread_members_only
    from forum.services.counters import recount_board

    board = make_board()
    thread = make_thread(board=board, title="About to be private")
    quiet = make_thread(board=board, title="Stays public")
    repliers = _members(WORKERS)
    moderator = make_user("moderator")
    actions = [
        lambda user=user, n=n: create_reply(
            thread if n % 2 else quiet, actor=user, body=f"From {user.pk}"
        )
        for n, user in enumerate(repliers)
    ]
    actions.insert(
        WORKERS // 2,
        lambda: make_thread_members_only(thread, actor=moderator, reason="Private"),
    )
    assert run_together(actions) == []

    fields = (
        "thread_count",
        "post_count",
        "public_thread_count",
        "public_post_count",
        "public_last_thread_id",
    )
    kept = Board.objects.filter(pk=board.pk).values(*fields).get()
    assert kept["public_thread_count"] == 1
    assert kept["public_post_count"] == 1 + WORKERS // 2
    assert kept["post_count"] == 2 + WORKERS
    recount_board(board.pk)
    assert Board.objects.filter(pk=board.pk).values(*fields).get() == kept
