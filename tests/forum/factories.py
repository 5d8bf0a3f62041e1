"""Forum test data. Threads and single posts go through the services (so counters,
disclaimers and follows are real); `make_thread(replies=N)` adds the replies in
bulk so a 500-reply thread costs a few queries, and keeps the counters right."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone

from core import disclaimers
from core.markup import render_markdown
from forum.models import Board, BoardGroup, Post, PostLike, Thread, ThreadFollow
from forum.services import create_reply, start_thread
from members.models import Profile, User
from members.roles import MEMBERS
from tests.factories import make_user

_counter = itertools.count(1)


def accept_terms(user: User) -> None:
    """As if `user` ticked "I accept" before their first post."""
    disclaimers.acknowledge(user, disclaimers.pending_acknowledgements(user))


def make_group(name: str | None = None) -> BoardGroup:
    n = next(_counter)
    return BoardGroup.objects.create(name=name or f"Group {n}", slug=f"group-{n}")


def make_board(
    *, kind: str = Board.Kind.DISCUSSION, group=None, name=None, slug=None, **fields
) -> Board:
    n = next(_counter)
    return Board.objects.create(
        group=group or make_group(),
        name=name or f"Board {n}",
        slug=slug or f"board-{n}",
        kind=kind,
        **fields,
    )


def make_members(count: int) -> list[User]:
    """`count` verified members at once (no password hashing: fast)."""
    n = next(_counter)
    users = User.objects.bulk_create(
        [User(email=f"bulk{n}-{i}@example.test") for i in range(count)]
    )
    Profile.objects.bulk_create(
        [
            Profile(user=user, display_name=f"Bulk {n}-{i}")
            for i, user in enumerate(users)
        ]
    )
    members = Group.objects.get(name=MEMBERS)
    members.user_set.add(*users)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
        ]
    )
    return list(User.objects.filter(pk__in=[u.pk for u in users]))


def make_thread(
    *,
    board: Board | None = None,
    author: User | None = None,
    title: str | None = None,
    body: str | None = None,
    replies: int = 0,
    nested: int = 0,
    repliers: list[User] | None = None,
    likes: int = 0,
    followers: int = 0,
    topics=(),
) -> Thread:
    """A thread started through the service, plus `replies` top-level replies each
    with `nested` nested replies (bulk), `likes` on the opening post and `followers`."""
    board = board or make_board()
    author = author or make_user("member")
    accept_terms(author)
    n = next(_counter)
    thread = start_thread(
        board,
        actor=author,
        title=title or f"A thread about morphea {n}",
        # Distinct by default: the same text twice within minutes is refused.
        body=body or f"How do you cope with the itching in the first week? ({n})",
        topics=topics,
    )
    if replies:
        _bulk_replies(thread, replies, nested, repliers or make_members(3))
    if likes:
        _bulk_likes(thread.first_post, make_members(likes))
    if followers:
        users = make_members(followers)
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(thread=thread, user=user) for user in users]
        )
        Thread.objects.filter(pk=thread.pk).update(
            follower_count=F("follower_count") + followers
        )
    thread.refresh_from_db()
    return thread


def _bulk_replies(
    thread: Thread, replies: int, nested: int, authors: list[User]
) -> None:
    now = timezone.now()
    html = render_markdown("Thank you, that helps. **Same here.**")
    author_cycle = itertools.cycle(authors)
    top = Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                author=next(author_cycle),
                body="Thank you, that helps. **Same here.**",
                body_html=html,
                created_at=now + timedelta(seconds=i),
            )
            for i in range(replies)
        ]
    )
    children = []
    if nested:
        children = Post.objects.bulk_create(
            [
                Post(
                    thread=thread,
                    author=next(author_cycle),
                    parent=parent,
                    reply_to=parent,
                    body="I agree.",
                    body_html=render_markdown("I agree."),
                    created_at=parent.created_at + timedelta(milliseconds=j + 1),
                )
                for parent in top
                for j in range(nested)
            ]
        )
    total = len(top) + len(children)
    last = max(post.created_at for post in [*top, *children])
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + total, last_post_at=last
    )
    Board.objects.filter(pk=thread.board_id).update(
        post_count=F("post_count") + total, last_post_at=last, last_thread=thread
    )
    if not thread.members_only:
        Board.objects.filter(pk=thread.board_id).update(
            public_post_count=F("public_post_count") + total,
            public_last_post_at=last,
            public_last_thread=thread,
        )
    per_author: dict[int, int] = {}
    for post in [*top, *children]:
        per_author[post.author_id] = per_author.get(post.author_id, 0) + 1
    for user_id, count in per_author.items():
        Profile.objects.filter(user_id=user_id).update(
            post_count=F("post_count") + count
        )


def _bulk_likes(post: Post, users: list[User]) -> None:
    PostLike.objects.bulk_create([PostLike(post=post, user=user) for user in users])
    Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + len(users))
    Thread.objects.filter(pk=post.thread_id).update(
        like_count=F("like_count") + len(users)
    )


def make_post(
    thread: Thread,
    *,
    author: User | None = None,
    body: str | None = None,
    reply_to=None,
) -> Post:
    """A reply through the service (notifications, counters, follows and all)."""
    author = author or make_user("member")
    accept_terms(author)
    return create_reply(
        thread,
        actor=author,
        body=body or f"My experience, part {next(_counter)}.",
        reply_to=reply_to,
    )


def make_report(
    post: Post | None = None,
    *,
    member: User | None = None,
    reporter: User | None = None,
    reason: str = "abuse",
    note: str = "",
):
    """A report through the service (auto-hide and all), by a new member unless given."""
    from forum.services import report_member, report_post

    reporter = reporter or make_user("member")
    if post is not None:
        return report_post(post, actor=reporter, reason=reason, note=note)
    return report_member(member, actor=reporter, reason=reason, note=note)
