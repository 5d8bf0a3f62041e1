"""Reads of threads: board lists, the home page's and topic pages' threads, one
thread page (posts with nested replies, badges, likes and photos) and the threads
search engines may list. A fixed number of queries whatever the number of posts,
replies, likes and followers.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, Group
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from core import pagecache
from core.languages import reader_first
from core.pagination import strict_page
from members.badges import badges_for

from ..conf import app_settings
from ..models import Board, Post, PostImage, PostLike, Thread, ThreadFollow
from ..permissions import (
    PUBLIC_STATUSES,
    filter_visible_posts,
    filter_visible_threads,
)
from .qa import is_answered


def _thread_list(viewer, qs: QuerySet[Thread]) -> QuerySet[Thread]:
    """With `answered` (a professional's published answer: Q&A lists' badge)."""
    return _list_columns(filter_visible_threads(viewer, qs))


def _list_columns(qs: QuerySet[Thread]) -> QuerySet[Thread]:
    return qs.select_related(
        "board", "author__profile", "last_poster__profile"
    ).annotate(answered=is_answered())


THREAD_ORDERS = {
    "latest": ("-is_pinned", "-last_post_at", "-id"),
    "newest": ("-created_at", "-id"),
    "liked": ("-like_count", "-last_post_at", "-id"),
}


THREAD_FILTERS = ("", "unanswered", "answered")


def _answered_q(board: Board) -> Q:
    """On a Q&A board, answered means a professional's published answer; on a
    discussion board, any reply."""
    if not board.is_questions:
        return Q(reply_count__gt=0)
    return Q(is_answered())


def list_threads(
    board: Board, viewer, *, order: str = "latest", show: str = ""
) -> QuerySet[Thread]:
    """A board's threads: by default pinned first, then by latest activity; also
    newest first or most liked, only the unanswered or only the answered ones.
    Unknown values fall back to the default."""
    qs = _thread_list(viewer, board.threads.all())
    if show == "unanswered":
        qs = qs.exclude(_answered_q(board))
    elif show == "answered":
        qs = qs.filter(_answered_q(board))
    return qs.order_by(*THREAD_ORDERS.get(order, THREAD_ORDERS["latest"]))


def active_threads(
    viewer, limit: int = 5, *, language: str | None = None
) -> list[Thread]:
    """The threads with the latest activity across the forum (for the home page),
    those in `language` first."""
    latest = filter_visible_threads(viewer, Thread.objects.all()).order_by(
        "-last_post_at", "-id"
    )
    if not language:
        return list(_list_columns(latest)[:limit])
    # Ordering every thread by language first reads the whole table (115 ms at
    # 100,000 posts). The answer is among the latest `limit` threads in the
    # language and the latest `limit` overall, which the activity index finds by
    # reading a few rows; only those few are then put in reading order.
    either = Thread.objects.filter(
        Q(pk__in=latest.filter(language=language).values("pk")[:limit])
        | Q(pk__in=latest.values("pk")[:limit])
    )
    # At most 2 × limit rows; saying so (LIMIT) lets the planner look up each one's
    # "answered" by index instead of scanning every answer (27 ms at 1M posts).
    candidates = Thread.objects.filter(
        pk__in=either.values("pk")[: 2 * limit]
    ).order_by("-last_post_at", "-id")
    return list(reader_first(_list_columns(candidates), language)[:limit])


def threads_for_topic(topic, viewer, limit: int = 10) -> list[Thread]:
    """Threads carrying `topic`, latest activity first (for /topics/<slug>/)."""
    qs = _thread_list(viewer, Thread.objects.filter(topics=topic)).order_by(
        "-last_post_at", "-id"
    )
    return list(qs[:limit])


def visible_threads(viewer) -> QuerySet[Thread]:
    """Threads `viewer` may open, with what a thread page's header shows."""
    return filter_visible_threads(viewer, Thread.objects.all()).select_related(
        "board__group", "author__profile", "first_post__author__profile"
    )


def is_members_only_thread(pk: int | None) -> bool:
    """A thread a signed-in member could read but a visitor may not: the visitor is
    invited to sign in instead of getting a 404."""
    return (
        pk is not None
        and Thread.objects.filter(
            pk=pk, members_only=True, first_post__status__in=PUBLIC_STATUSES
        ).exists()
    )


def _top_level(viewer, thread: Thread) -> QuerySet[Post]:
    qs = filter_visible_posts(
        viewer, thread.posts.filter(is_opening=False, parent__isnull=True)
    )
    if thread.board.is_questions:
        return qs.order_by("-is_professional_answer", "created_at", "id")
    return qs.order_by("created_at", "id")


def _group_names(user_ids: set[int]) -> dict[int, set[str]]:
    names: dict[int, set[str]] = {user_id: set() for user_id in user_ids}
    memberships = Group.user_set.through.objects.filter(
        user_id__in=user_ids
    ).values_list("user_id", "group__name")
    for user_id, name in memberships:
        names[user_id].add(name)
    return names


@dataclass
class ThreadPage:
    thread: Thread
    page: Page
    opening: Post | None
    posts: list[Post]
    disclaimers: list
    topics: list
    following: bool = False

    @property
    def all_posts(self) -> list:
        """Every post the page shows: the opening, top-level posts and nested replies."""
        shown = [self.opening] if self.opening else []
        for post in self.posts:
            shown.append(post)
            shown.extend(post.replies)
        return shown

    @property
    def is_first_page(self) -> bool:
        return self.page.number == 1


def thread_page(thread: Thread, viewer, page_number) -> ThreadPage:
    """One page of a thread: 20 top-level posts with their nested replies.

    Each post gets `replies` (its nested replies), `badges` (its author's) and
    `liked` (by the viewer). A fixed number of queries, whatever the size.
    Each also gets `content_version`, read before any post is: the page cache's
    fragments (`forum.presentation`) are kept under it.
    """
    version = pagecache.current_version()
    paginator = Paginator(
        # The Markdown source is not shown: only its stored HTML.
        _top_level(viewer, thread).select_related("author__profile").defer("body"),
        app_settings.POSTS_PER_PAGE,
        allow_empty_first_page=True,
    )
    # A page past the last is not found (garbage still gives page 1).
    page = strict_page(paginator, page_number)
    top = list(page.object_list)
    children = list(
        filter_visible_posts(viewer, Post.objects.filter(parent__in=top))
        .select_related("author__profile", "reply_to__author__profile")
        .defer("body")
        .order_by("created_at", "id")
    )
    by_parent: dict[int, list[Post]] = {post.pk: [] for post in top}
    for child in children:
        by_parent[child.parent_id].append(child)
    for post in top:
        post.replies = by_parent[post.pk]
    opening = thread.first_post if page.number == 1 else None
    shown = [*top, *children, *([opening] if opening else [])]
    for post in shown:
        post.thread = thread
        post.content_version = version
    groups = _group_names({post.author_id for post in shown if post.author_id})
    liked: set[int] = set()
    following = False
    if viewer.is_authenticated:
        liked = set(
            PostLike.objects.filter(
                user_id=viewer.pk, post_id__in=[post.pk for post in shown]
            ).values_list("post_id", flat=True)
        )
        following = ThreadFollow.objects.filter(
            thread=thread, user_id=viewer.pk
        ).exists()
    for post in shown:
        post.badges = (
            badges_for(post.author.profile, groups[post.author_id])
            if post.author_id
            else []
        )
        post.liked = post.pk in liked
    _attach_photos(shown)
    topics = list(thread.topics.all())
    return ThreadPage(
        thread=thread,
        page=page,
        opening=opening,
        posts=top,
        disclaimers=recorded_disclaimers(thread),
        topics=topics,
        following=following,
    )


def _attach_photos(posts: list[Post]) -> None:
    """Each post's photos as `post.photos` (one query; none on deleted posts)."""
    by_post: dict[int, list[PostImage]] = {post.pk: [] for post in posts}
    for image in PostImage.objects.filter(post_id__in=list(by_post)).order_by(
        "position", "id"
    ):
        by_post[image.post_id].append(image)
    for post in posts:
        post.photos = [] if post.is_deleted else by_post[post.pk]


SCOPE_ORDER = {"site": 0, "forum": 1, "board": 2}


def recorded_disclaimers(thread: Thread) -> list:
    """The versions `thread` recorded when it was started: site, forum, then board."""
    versions = thread.disclaimer_versions.select_related("disclaimer")
    return sorted(
        versions,
        key=lambda v: (SCOPE_ORDER.get(v.disclaimer.scope, 9), v.disclaimer.name),
    )


def page_number_for_post(post: Post, viewer) -> int:
    """The page of its thread on which `post` (or the group it is nested in) appears."""
    anchor = post.parent if post.parent_id else post
    if anchor.is_opening:
        return 1
    thread = post.thread
    earlier = Q(created_at__lt=anchor.created_at) | Q(
        created_at=anchor.created_at, id__lt=anchor.pk
    )
    if thread.board.is_questions:
        if anchor.is_professional_answer:
            earlier = Q(is_professional_answer=True) & earlier
        else:
            earlier = Q(is_professional_answer=True) | earlier
    before = _top_level(viewer, thread).filter(earlier).count()
    return before // app_settings.POSTS_PER_PAGE + 1


def indexable_threads() -> QuerySet[Thread]:
    """Threads a visitor may read whose opening post is published (the sitemap's):
    never pending, hidden or deleted openings, whatever the placeholder shows."""
    return filter_visible_threads(
        AnonymousUser(), Thread.objects.filter(first_post__status=Post.Status.PUBLISHED)
    )
