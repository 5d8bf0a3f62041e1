"""Starting threads and marking the helpful answer of a question."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import pagecache
from core.models import Topic
from core.signals import content_changed
from members.models import User

from ..models import Board, Post, Thread, thread_slug
from ..permissions import check_mark_helpful, check_start_thread
from . import counters
from .disclaimers import accept_posting_terms, record_thread_disclaimers
from .drafts import discard_draft
from .follows import ensure_following
from .images import attach_photos, photo_hold_reasons, prepare_photos
from .mentions import notify_mentions, render_with_mentions
from .posts import clean_body, clean_title, initial_status, screen_new_post


@transaction.atomic
def start_thread(
    board: Board,
    *,
    actor: User,
    title: str,
    body: str,
    topics: Iterable[Topic] = (),
    accepted_versions: Iterable[int] = (),
    members_only: bool | None = None,
    photos: Iterable = (),
) -> Thread:
    """Start a thread on `board`: its opening post, the disclaimers in force, a follow.

    `members_only` hides it from visitors and search engines; None takes the
    board's default.
    """
    check_start_thread(actor, board)
    errors = {}
    try:
        title = clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        body = clean_body(body)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    photos = prepare_photos(photos)
    html, mentioned = render_with_mentions(body)
    held = screen_new_post(actor, body=body, html=html, title=title)
    held += photo_hold_reasons(actor, photos)
    accept_posting_terms(actor, accepted_versions)
    now = timezone.now()
    thread = Thread(
        board=board,
        language=board.language,
        title=title,
        slug=thread_slug(title),
        members_only=(
            board.members_only_default if members_only is None else members_only
        ),
        author=actor,
        last_post_at=now,
        last_poster=actor,
        created_at=now,
    )
    thread.save()
    post = Post(
        thread=thread,
        author=actor,
        is_opening=True,
        body=body,
        body_html=html,
        status=initial_status(actor, thread, body, hold_reasons=held),
        held_for="; ".join(held)[:300],
        created_at=now,
    )
    post.save()
    attach_photos(post, photos, actor=actor)
    thread.first_post = post
    thread.save(update_fields=["first_post"])
    record_thread_disclaimers(thread)
    topics = list(topics)
    if topics:
        thread.topics.set(topics)
    if post.is_visible:
        counters.post_published(post)
        notify_mentions(post, mentioned)
    if actor.profile.follow_on_post:
        ensure_following(thread, actor)
    discard_draft(actor, board=board)
    pagecache.content_changed(Post)
    content_changed.send(sender=Post, instance=post)
    return thread


@transaction.atomic
def set_helpful_answer(post: Post, *, actor: User, helpful: bool = True) -> Thread:
    """The asker marks (or unmarks) `post` as the answer that helped. Idempotent."""
    thread = Thread.objects.select_for_update(no_key=True, of=("self",)).get(
        pk=post.thread_id
    )
    post.thread = thread
    check_mark_helpful(actor, post)
    if helpful:
        thread.helpful_post = post
    elif thread.helpful_post_id == post.pk:
        thread.helpful_post = None
    else:
        return thread
    thread.save(update_fields=["helpful_post"])
    pagecache.bump()
    return thread
