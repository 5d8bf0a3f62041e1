"""What moderators do to posts and threads, one function per action.

Each action: checks `check_moderate`, locks the row it changes, keeps the
counters exact through `counters`, writes one audit row (who, what, target,
reason, before/after), closes the matching open reports and tells the
reporters, and tells the author when it concerns their post. Member actions
(warn, suspend, ban) live in `sanctions`.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.markup import render_markdown
from members.models import User

from ..models import Board, Post, Report, Thread
from ..permissions import check_moderate
from . import counters
from .notifications import notify_moderation, notify_new_post, notify_report_outcome
from .posts import clean_body, clean_title, replace_text

REASON_MAX = 1000


def clean_reason(reason: str | None, *, required: bool = False) -> str:
    """A moderator's reason: trimmed, NUL-free, at most REASON_MAX characters."""
    reason = (reason or "").replace("\r\n", "\n").replace("\x00", "").strip()
    if required and not reason:
        raise ValidationError(
            {"reason": _("Please give a reason: the author will read it.")},
            code="reason_required",
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Please keep the reason under %(max)d characters.")
                % {"max": REASON_MAX}
            },
            code="too_long",
        )
    return reason


# Reports --------------------------------------------------------------------------


def resolve_reports(
    *,
    actor: User,
    action: str,
    post: Post | None = None,
    member: User | None = None,
    dismissed: bool = False,
) -> int:
    """Close the open reports on `post` (or about `member`'s profile) and tell the reporters.

    Call inside the action's transaction; returns how many were closed.
    """
    reports = Report.objects.filter(status=Report.Status.OPEN)
    if post is not None:
        reports = reports.filter(post=post)
    elif member is not None:
        reports = reports.filter(member=member, post__isnull=True)
    else:
        return 0
    closing = list(reports.select_related("post"))
    if not closing:
        return 0
    Report.objects.filter(pk__in=[r.pk for r in closing]).update(
        status=Report.Status.DISMISSED if dismissed else Report.Status.RESOLVED,
        outcome=action,
        resolved_by=actor,
        resolved_at=timezone.now(),
    )
    notify_report_outcome(closing, action=action, skip_user_id=actor.pk)
    return len(closing)


def _lock_post(post: Post) -> Post:
    return (
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread__board")
        .get(pk=post.pk)
    )


def _not_allowed(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_state")


@transaction.atomic
def dismiss_reports(post: Post, *, actor: User, reason: str = "") -> int:
    """Close the post's reports as "no action needed"; an auto-hidden post comes back."""
    check_moderate(actor)
    post = _lock_post(post)
    reason = clean_reason(reason)
    restored = post.status == Post.Status.HIDDEN and post.auto_hidden
    if restored:
        _publish_again(post)
    closed = resolve_reports(
        actor=actor, action="report.dismiss", post=post, dismissed=True
    )
    if not closed and not restored:
        raise _not_allowed(_("This post has no open reports."))
    audit.record(
        actor,
        "report.dismiss",
        post,
        reason=reason,
        before={"open_reports": closed},
        after={"status": post.status, "restored": restored},
    )
    if restored:
        notify_moderation(post.author_id, action="post.restore", post=post)
    return closed


@transaction.atomic
def dismiss_member_reports(member: User, *, actor: User, reason: str = "") -> int:
    """Close the reports about `member`'s profile as "no action needed"."""
    check_moderate(actor)
    reason = clean_reason(reason)
    closed = resolve_reports(
        actor=actor, action="report.dismiss", member=member, dismissed=True
    )
    if not closed:
        raise _not_allowed(_("This profile has no open reports."))
    audit.record(
        actor, "report.dismiss", member, reason=reason, before={"open_reports": closed}
    )
    return closed


# Posts ------------------------------------------------------------------------------


def _publish_again(post: Post) -> None:
    """A hidden (or moderator-deleted) post becomes visible again; counters follow."""
    post.status = Post.Status.PUBLISHED
    post.auto_hidden = False
    post.hidden_reason = ""
    post.held_for = ""
    post.deleted_at = None
    post.deleted_by = None
    post.save(
        update_fields=[
            "status",
            "auto_hidden",
            "hidden_reason",
            "held_for",
            "deleted_at",
            "deleted_by",
        ]
    )
    counters.post_published(post)


@transaction.atomic
def approve_post(post: Post, *, actor: User, reason: str = "") -> Post:
    """Publish a post that waited for approval; followers and the author hear about it."""
    check_moderate(actor)
    post = _lock_post(post)
    reason = clean_reason(reason)
    if post.status != Post.Status.PENDING:
        raise _not_allowed(_("This post is not waiting for approval."))
    held_for = post.held_for
    post.status = Post.Status.PUBLISHED
    post.held_for = ""
    post.save(update_fields=["status", "held_for"])
    counters.post_published(post)
    if not post.is_opening:
        notify_new_post(post, reply_to=post.reply_to, quoted=list(post.quotes.all()))
    resolve_reports(actor=actor, action="post.approve", post=post)
    audit.record(
        actor,
        "post.approve",
        post,
        reason=reason,
        before={"status": Post.Status.PENDING, "held_for": held_for},
        after={"status": Post.Status.PUBLISHED},
    )
    notify_moderation(post.author_id, action="post.approve", post=post)
    return post


@transaction.atomic
def hide_post(post: Post, *, actor: User, reason: str) -> Post:
    """Hide a post from everyone but its author and the moderators, with a reason the author reads."""
    check_moderate(actor)
    post = _lock_post(post)
    reason = clean_reason(reason, required=True)
    if post.status == Post.Status.DELETED:
        raise _not_allowed(_("This post is deleted; restore it first to hide it."))
    before = {
        "status": post.status,
        "auto_hidden": post.auto_hidden,
        "hidden_reason": post.hidden_reason,
    }
    was_counted = post.is_visible
    post.status = Post.Status.HIDDEN
    post.auto_hidden = False
    post.hidden_reason = reason
    post.save(update_fields=["status", "auto_hidden", "hidden_reason"])
    if was_counted:
        counters.post_unpublished(post)
    resolve_reports(actor=actor, action="post.hide", post=post)
    audit.record(
        actor,
        "post.hide",
        post,
        reason=reason,
        before=before,
        after={"status": Post.Status.HIDDEN, "hidden_reason": reason},
    )
    notify_moderation(post.author_id, action="post.hide", post=post, message=reason)
    return post


@transaction.atomic
def restore_post(post: Post, *, actor: User, reason: str = "") -> Post:
    """Make a hidden post, or one a moderator deleted (text not yet purged), visible again."""
    check_moderate(actor)
    post = _lock_post(post)
    reason = clean_reason(reason)
    if post.status == Post.Status.DELETED:
        if post.deleted_by_id in (None, post.author_id):
            raise _not_allowed(
                _("Its author deleted this post: only they could post it again.")
            )
        if not post.body:
            raise _not_allowed(_("The text of this post has been erased."))
    elif post.status != Post.Status.HIDDEN:
        raise _not_allowed(_("This post is not hidden or removed."))
    before = {"status": post.status, "hidden_reason": post.hidden_reason}
    _publish_again(post)
    resolve_reports(actor=actor, action="post.restore", post=post, dismissed=True)
    audit.record(
        actor,
        "post.restore",
        post,
        reason=reason,
        before=before,
        after={"status": Post.Status.PUBLISHED},
    )
    notify_moderation(post.author_id, action="post.restore", post=post, message=reason)
    return post


@transaction.atomic
def remove_post(post: Post, *, actor: User, reason: str = "") -> Post:
    """Delete a post as a moderator: a placeholder says a moderator removed it."""
    check_moderate(actor)
    post = _lock_post(post)
    reason = clean_reason(reason)
    if post.status == Post.Status.DELETED:
        raise _not_allowed(_("This post is already deleted."))
    before = {"status": post.status}
    was_counted = post.is_visible
    post.status = Post.Status.DELETED
    post.deleted_at = timezone.now()
    post.deleted_by = actor
    post.save(update_fields=["status", "deleted_at", "deleted_by"])
    if was_counted:
        counters.post_unpublished(post)
    if post.thread.helpful_post_id == post.pk:
        Thread.objects.filter(pk=post.thread_id).update(helpful_post=None)
    resolve_reports(actor=actor, action="post.delete", post=post)
    audit.record(
        actor,
        "post.delete",
        post,
        reason=reason,
        before=before,
        after={"status": Post.Status.DELETED},
    )
    notify_moderation(post.author_id, action="post.delete", post=post, message=reason)
    return post


@transaction.atomic
def moderate_edit_post(
    post: Post, *, actor: User, body: str, title: str | None = None, reason: str = ""
) -> Post:
    """Change a member's text as a moderator; the old text stays as a version."""
    check_moderate(actor)
    post = _lock_post(post)
    if post.is_deleted:
        raise _not_allowed(_("A deleted post can't be edited."))
    reason = clean_reason(reason)
    body = clean_body(body)
    new_title = clean_title(title) if post.is_opening and title is not None else None
    old_body, old_title = post.body, post.thread.title
    changed = replace_text(
        post, actor=actor, body=body, html=render_markdown(body), new_title=new_title
    )
    if not changed:
        raise ValidationError(
            {"body": _("Nothing changed: edit the text or title first.")},
            code="unchanged",
        )
    before, after = {"body": old_body}, {"body": body, "version": post.edit_count}
    if post.is_opening:
        before["title"], after["title"] = old_title, post.thread.title
    resolve_reports(actor=actor, action="post.edit", post=post)
    audit.record(actor, "post.edit", post, reason=reason, before=before, after=after)
    notify_moderation(post.author_id, action="post.edit", post=post, message=reason)
    return post


# Threads ----------------------------------------------------------------------------


def _lock_thread(thread: Thread) -> Thread:
    return (
        Thread.objects.select_for_update(no_key=True, of=("self",))
        .select_related("board", "first_post")
        .get(pk=thread.pk)
    )


def _set_thread_flag(
    thread: Thread,
    *,
    actor: User,
    field: str,
    value: bool,
    action: str,
    reason: str,
    post: Post | None,
) -> Thread:
    check_moderate(actor)
    thread = _lock_thread(thread)
    reason = clean_reason(reason)
    if getattr(thread, field) == value:
        raise _not_allowed(
            {
                "thread.lock": _("This thread is already locked."),
                "thread.unlock": _("This thread is not locked."),
                "thread.pin": _("This thread is already pinned."),
                "thread.unpin": _("This thread is not pinned."),
            }[action]
        )
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    if post is not None and post.thread_id == thread.pk:
        resolve_reports(actor=actor, action=action, post=post)
    audit.record(
        actor,
        action,
        thread,
        reason=reason,
        before={field: not value},
        after={field: value},
    )
    return thread


def lock_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """No new replies (moderators still may). `post`: the reported post this answers."""
    return _set_thread_flag(
        thread,
        actor=actor,
        field="is_locked",
        value=True,
        action="thread.lock",
        reason=reason,
        post=post,
    )


def unlock_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Replies are welcome again."""
    return _set_thread_flag(
        thread,
        actor=actor,
        field="is_locked",
        value=False,
        action="thread.unlock",
        reason=reason,
        post=post,
    )


def pin_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """Keep the thread at the top of its board."""
    return _set_thread_flag(
        thread,
        actor=actor,
        field="is_pinned",
        value=True,
        action="thread.pin",
        reason=reason,
        post=post,
    )


def unpin_thread(
    thread: Thread, *, actor: User, reason: str = "", post: Post | None = None
) -> Thread:
    """The thread takes its place by activity again."""
    return _set_thread_flag(
        thread,
        actor=actor,
        field="is_pinned",
        value=False,
        action="thread.unpin",
        reason=reason,
        post=post,
    )


@transaction.atomic
def move_thread(
    thread: Thread,
    *,
    actor: User,
    board: Board,
    reason: str = "",
    post: Post | None = None,
) -> Thread:
    """Move the thread to `board`; both boards' counters and latest activity follow."""
    check_moderate(actor)
    thread = _lock_thread(thread)
    reason = clean_reason(reason)
    if board.pk == thread.board_id:
        raise ValidationError(
            {"board": _("The thread is already on this board.")}, code="same_board"
        )
    old_board = thread.board
    thread.board = board
    thread.save(update_fields=["board"])
    counters.thread_moved(thread, old_board.pk)
    if post is not None and post.thread_id == thread.pk:
        resolve_reports(actor=actor, action="thread.move", post=post)
    audit.record(
        actor,
        "thread.move",
        thread,
        reason=reason,
        before={"board": old_board.slug},
        after={"board": board.slug},
    )
    return thread


# Several at once ----------------------------------------------------------------------

BULK_ACTIONS = {
    "dismiss": lambda post, actor, reason: dismiss_reports(
        post, actor=actor, reason=reason
    ),
    "approve": lambda post, actor, reason: approve_post(
        post, actor=actor, reason=reason
    ),
    "hide": lambda post, actor, reason: hide_post(post, actor=actor, reason=reason),
    "restore": lambda post, actor, reason: restore_post(
        post, actor=actor, reason=reason
    ),
    "delete": lambda post, actor, reason: remove_post(post, actor=actor, reason=reason),
}


@transaction.atomic
def bulk_moderate(
    posts: Iterable[Post], *, actor: User, action: str, reason: str = ""
) -> tuple[int, list[str]]:
    """Apply one post action to several posts; (how many done, why others were skipped).

    A post whose state doesn't fit (approving a published post, say) is skipped
    and explained; the others still happen, each with its own audit row.
    """
    check_moderate(actor)
    if action not in BULK_ACTIONS:
        raise ValidationError(
            {"action": _("Please choose an action from the list.")}, code="action"
        )
    if action == "hide":
        clean_reason(reason, required=True)
    done, skipped = 0, []
    for post in posts:
        try:
            with transaction.atomic():
                BULK_ACTIONS[action](post, actor, reason)
        except ValidationError as error:
            skipped.append(
                _("Post #%(pk)s: %(why)s")
                % {"pk": post.pk, "why": " ".join(error.messages)}
            )
        except PermissionDenied:
            raise
        else:
            done += 1
    return done, skipped
