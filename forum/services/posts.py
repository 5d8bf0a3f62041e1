"""Writing posts: replying, editing (with versions), deleting, purging old text.

These functions are the only place a post's text changes, so search indexing
(issue 6) can hook in here.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import pagecache
from core.markup import escape_markdown
from core.signals import content_changed, content_erased
from core.text import clean_text
from members.models import User
from members.security import may_answer_as_professional

from ..conf import app_settings
from ..models import Post, PostVersion, Thread, thread_slug
from ..permissions import (
    check_delete_post,
    check_edit_post,
    check_reply,
    filter_visible_posts,
)
from . import counters, screening
from .disclaimers import accept_posting_terms
from .drafts import discard_draft
from .follows import ensure_following
from .images import attach_photos, photo_hold_reasons, prepare_photos, remove_photos
from .mentions import notify_mentions, render_with_mentions
from .notifications import notify_new_post
from .qa import clean_short_answer


def clean_body(body: str | None, *, field: str = "body") -> str:
    """The text to store, or a ValidationError on `field` that says what is wrong."""
    body = clean_text(body, field=field)
    if not body:
        raise ValidationError(
            {field: _("Please write something before posting.")}, code="empty"
        )
    if len(body) > Post.BODY_MAX:
        raise ValidationError(
            {
                field: _(
                    "Your text is %(length)d characters long; the most a post can "
                    "hold is %(max)d. Please shorten it or split it in two posts."
                )
                % {"length": len(body), "max": Post.BODY_MAX}
            },
            code="too_long",
        )
    return body


def clean_title(title: str | None) -> str:
    """A thread title, whitespace tidied, or a ValidationError on `title`."""
    title = " ".join(clean_text(title, field="title").split())
    if len(title) < Thread.TITLE_MIN:
        raise ValidationError(
            {
                "title": _("Please give a title of at least %(min)d characters.")
                % {"min": Thread.TITLE_MIN}
            },
            code="too_short",
        )
    if len(title) > Thread.TITLE_MAX:
        raise ValidationError(
            {
                "title": _("The title can hold at most %(max)d characters.")
                % {"max": Thread.TITLE_MAX}
            },
            code="too_long",
        )
    return title


def screen_new_post(actor: User, *, body: str, html: str, title: str = "") -> list[str]:
    """Refuse what may not be posted (ValidationError); return why it must wait (or [])."""
    filters = screening.matching_filters(f"{title}\n{body}", html)
    screening.check_post_text(actor, body=body, html=html, title=title, filters=filters)
    return screening.hold_reasons(
        actor, body=body, html=html, title=title, filters=filters
    )


def initial_status(
    actor: User, thread: Thread, body: str, *, hold_reasons: Iterable[str] = ()
) -> str:
    """The state a new post starts in: pending while the sandbox or a watched word holds it."""
    return Post.Status.PENDING if list(hold_reasons) else Post.Status.PUBLISHED


def reply_placement(thread: Thread, reply_to: Post | None) -> Post | None:
    """The top-level post a reply is grouped under (None: a top-level reply).

    Replies to the opening post are top-level; replies to a reply are nested one
    level under its top-level post, so a reply to a nested reply joins that group.
    """
    if reply_to is None or reply_to.is_opening:
        return None
    return reply_to if reply_to.parent_id is None else reply_to.parent


def _quoted_posts(
    thread: Thread, body: str, actor: User, quoted_ids: Iterable[int]
) -> list[Post]:
    """Posts in `thread` whose quote (our `quote_markdown` header) is still in `body`."""
    ids = {int(pk) for pk in quoted_ids}
    if not ids:
        return []
    candidates = filter_visible_posts(
        actor,
        Post.objects.filter(thread=thread, pk__in=ids, status=Post.Status.PUBLISHED),
    ).select_related("author__profile")
    return [
        post
        for post in candidates
        if post.author_id
        and f"**{escape_markdown(post.author.profile.display_name)}** wrote:" in body
    ]


@transaction.atomic
def create_reply(
    thread: Thread,
    *,
    actor: User,
    body: str,
    reply_to: Post | None = None,
    quoted_post_ids: Iterable[int] = (),
    accepted_versions: Iterable[int] = (),
    photos: Iterable = (),
    short_answer: str = "",
) -> Post:
    """Reply to `thread` (or to `reply_to` in it) as `actor`; followers hear about it.

    `photos` are (file, alt text) pairs (see `forum.services.images`); a verified
    professional's answer to a question may have a `short_answer` (`.qa`)."""
    thread = (
        Thread.objects.select_for_update(no_key=True, of=("self",))
        .select_related("board")
        .get(pk=thread.pk)
    )
    check_reply(actor, thread)
    body = clean_body(body)
    photos = prepare_photos(photos)
    if reply_to is not None and (
        reply_to.thread_id != thread.pk or not reply_to.is_visible
    ):
        raise ValidationError(
            _("The post you are replying to is no longer available."),
            code="reply_to_gone",
        )
    parent = reply_placement(thread, reply_to)
    professional_answer = (
        thread.board.is_questions
        and parent is None
        and may_answer_as_professional(actor)
    )
    short_answer = clean_short_answer(
        short_answer, professional_answer=professional_answer
    )
    html, mentioned = render_with_mentions(body)
    held = screen_new_post(actor, body=body, html=html)
    held += photo_hold_reasons(actor, photos)
    accept_posting_terms(actor, accepted_versions)
    post = Post(
        thread=thread,
        author=actor,
        parent=parent,
        reply_to=reply_to,
        body=body,
        body_html=html,
        short_answer=short_answer,
        status=initial_status(actor, thread, body, hold_reasons=held),
        held_for="; ".join(held)[:300],
        is_professional_answer=professional_answer,
        created_at=timezone.now(),
    )
    post.full_clean(exclude=["thread", "author", "parent", "reply_to"])
    post.save()
    attach_photos(post, photos, actor=actor)
    quoted = _quoted_posts(thread, body, actor, quoted_post_ids)
    if quoted:
        post.quotes.set(quoted)
    if post.is_visible:
        counters.post_published(post)
        notify_new_post(post, reply_to=reply_to, quoted=quoted)
        notify_mentions(post, mentioned)
    if actor.profile.follow_on_post:
        ensure_following(thread, actor)
    discard_draft(actor, thread=thread)
    pagecache.content_changed(Post)
    content_changed.send(sender=Post, instance=post)
    return post


@transaction.atomic
def edit_post(
    post: Post,
    *,
    actor: User,
    body: str,
    title: str | None = None,
    short_answer: str | None = None,
) -> Post:
    """Change a post's text (and, for an opening post, its thread's title, for a
    professional's answer its short answer; None keeps it); keep the old text.

    The new text meets the word filters and link limits; a watched word or new
    links from a new member send a published post back to the moderators.
    """
    post = (
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread__board")
        .get(pk=post.pk)
    )
    check_edit_post(actor, post)
    body = clean_body(body)
    thread = post.thread
    new_title = clean_title(title) if post.is_opening and title is not None else None
    title_changed = new_title is not None and new_title != thread.title
    if short_answer is not None:
        short_answer = clean_short_answer(
            short_answer, professional_answer=post.is_professional_answer
        )
    short_changed = short_answer is not None and short_answer != post.short_answer
    if body == post.body and not title_changed and not short_changed:
        return post
    html, _mentioned = render_with_mentions(body)  # no notices on edits
    screening.check_post_text(
        actor, body=body, html=html, title=new_title or "", new_post=False
    )
    held = screening.edit_hold_reasons(
        actor,
        old_body=f"{thread.title if post.is_opening else ''}\n{post.body}",
        old_html=post.body_html,
        body=body,
        html=html,
        title=new_title or "",
    )
    replace_text(
        post,
        actor=actor,
        body=body,
        html=html,
        new_title=new_title,
        short_answer=short_answer,
    )
    if held and post.status == Post.Status.PUBLISHED:
        post.status = Post.Status.PENDING
        post.held_for = "; ".join(held)[:300]
        post.save(update_fields=["status", "held_for"])
        counters.post_unpublished(post)
    return post


def replace_text(
    post: Post,
    *,
    actor: User,
    body: str,
    html: str,
    new_title: str | None = None,
    short_answer: str | None = None,
) -> bool:
    """Keep the current text as a version and put `body` (and a new title, a new
    short answer) in its place.

    `post` must be locked by the caller. Shared by the author's edit and the
    moderator's; False when nothing changed.
    """
    thread = post.thread
    title_changed = new_title is not None and new_title != thread.title
    short_changed = short_answer is not None and short_answer != post.short_answer
    if body == post.body and not title_changed and not short_changed:
        return False
    now = timezone.now()
    PostVersion.objects.create(
        post=post,
        number=post.edit_count + 1,
        title=thread.title if post.is_opening else "",
        body=post.body,
        body_html=post.body_html,
        short_answer=post.short_answer,
        written_at=post.edited_at or post.created_at,
        replaced_by=actor,
        created_at=now,
    )
    post.body = body
    post.body_html = html
    if short_answer is not None:
        post.short_answer = short_answer
    post.edit_count += 1
    post.edited_at = now
    post.save(
        update_fields=["body", "body_html", "short_answer", "edit_count", "edited_at"]
    )
    if title_changed:
        thread.title = new_title
        thread.slug = thread_slug(new_title)
        thread.save(update_fields=["title", "slug"])
    pagecache.content_changed(Post)
    content_changed.send(sender=Post, instance=post)
    return True


@transaction.atomic
def delete_post(post: Post, *, actor: User) -> Post:
    """Soft-delete `actor`'s own post: a placeholder stays, the text waits to be purged."""
    post = (
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread")
        .get(pk=post.pk)
    )
    check_delete_post(actor, post)
    mark_post_deleted(post, by=actor)
    remove_photos([post])
    return post


def mark_post_deleted(post: Post, *, by: User) -> None:
    """The soft delete itself, for services holding the post's lock: counters follow,
    and a deleted answer stops being the thread's helpful one."""
    was_counted = post.is_visible
    post.status = Post.Status.DELETED
    post.deleted_at = timezone.now()
    post.deleted_by = by
    post.save(update_fields=["status", "deleted_at", "deleted_by"])
    if was_counted:
        counters.post_unpublished(post)
    if post.thread.helpful_post_id == post.pk:
        Thread.objects.filter(pk=post.thread_id).update(helpful_post=None)


@transaction.atomic
def purge_deleted_posts(*, now=None) -> int:
    """Erase the text of posts deleted longer ago than FORUM_DELETED_TEXT_DAYS (30)."""
    cutoff = (now or timezone.now()) - app_settings.DELETED_TEXT_RETENTION
    expired = Post.objects.filter(
        status=Post.Status.DELETED, deleted_at__lt=cutoff
    ).exclude(body="", body_html="")
    ids = list(expired.values_list("pk", flat=True))
    if not ids:
        return 0
    PostVersion.objects.filter(post_id__in=ids).delete()
    remove_photos(ids)
    purged = Post.objects.filter(pk__in=ids).update(
        body="", body_html="", short_answer=""
    )
    pagecache.content_changed(Post)
    content_erased.send(sender=Post, ids=ids)
    return purged
