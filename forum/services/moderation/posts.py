"""What moderators do to one post: approve, hide, restore, delete, edit.

Each action checks `check_moderate`, locks the row it changes, keeps the
counters exact through `counters`, writes one audit row (who, what, target,
reason, before/after), closes the matching open reports (telling the
reporters), and tells the author.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.markup import render_markdown
from members.models import User

from ...models import Post
from ...permissions import check_moderate
from .. import counters
from ..mentions import find_mentions, notify_mentions
from ..notifications import notify_moderation, notify_new_post
from ..posts import clean_body, clean_title, mark_post_deleted, replace_text
from .codes import AuditCode
from .common import clean_reason, locked_post, not_allowed, resolve_reports


def publish_again(post: Post) -> None:
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
    post = locked_post(post)
    reason = clean_reason(reason)
    if post.status != Post.Status.PENDING:
        raise not_allowed(_("This post is not waiting for approval."))
    held_for = post.held_for
    post.status = Post.Status.PUBLISHED
    post.held_for = ""
    post.save(update_fields=["status", "held_for"])
    counters.post_published(post)
    if not post.is_opening:
        notify_new_post(post, reply_to=post.reply_to, quoted=list(post.quotes.all()))
    notify_mentions(post, find_mentions(post.body)[1])
    resolve_reports(actor=actor, action=AuditCode.POST_APPROVE, post=post)
    audit.record(
        actor,
        AuditCode.POST_APPROVE,
        post,
        reason=reason,
        before={"status": Post.Status.PENDING, "held_for": held_for},
        after={"status": Post.Status.PUBLISHED},
    )
    notify_moderation(post.author_id, action=AuditCode.POST_APPROVE, post=post)
    return post


@transaction.atomic
def hide_post(post: Post, *, actor: User, reason: str) -> Post:
    """Hide a post from everyone but its author and the moderators, with a reason the author reads."""
    check_moderate(actor)
    post = locked_post(post)
    reason = clean_reason(reason, required=True)
    if post.status == Post.Status.DELETED:
        raise not_allowed(_("This post is deleted; restore it first to hide it."))
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
    resolve_reports(actor=actor, action=AuditCode.POST_HIDE, post=post)
    audit.record(
        actor,
        AuditCode.POST_HIDE,
        post,
        reason=reason,
        before=before,
        after={"status": Post.Status.HIDDEN, "hidden_reason": reason},
    )
    notify_moderation(
        post.author_id, action=AuditCode.POST_HIDE, post=post, message=reason
    )
    return post


@transaction.atomic
def restore_post(post: Post, *, actor: User, reason: str = "") -> Post:
    """Make a hidden post, or one a moderator deleted (text not yet purged), visible again."""
    check_moderate(actor)
    post = locked_post(post)
    reason = clean_reason(reason)
    if post.status == Post.Status.DELETED:
        if post.deleted_by_id in (None, post.author_id):
            raise not_allowed(
                _("Its author deleted this post: only they could post it again.")
            )
        if not post.body:
            raise not_allowed(_("The text of this post has been erased."))
    elif post.status != Post.Status.HIDDEN:
        raise not_allowed(_("This post is not hidden or removed."))
    before = {"status": post.status, "hidden_reason": post.hidden_reason}
    publish_again(post)
    resolve_reports(
        actor=actor, action=AuditCode.POST_RESTORE, post=post, dismissed=True
    )
    audit.record(
        actor,
        AuditCode.POST_RESTORE,
        post,
        reason=reason,
        before=before,
        after={"status": Post.Status.PUBLISHED},
    )
    notify_moderation(
        post.author_id, action=AuditCode.POST_RESTORE, post=post, message=reason
    )
    return post


@transaction.atomic
def remove_post(post: Post, *, actor: User, reason: str = "") -> Post:
    """Delete a post as a moderator: a placeholder says a moderator removed it."""
    check_moderate(actor)
    post = locked_post(post)
    reason = clean_reason(reason)
    if post.status == Post.Status.DELETED:
        raise not_allowed(_("This post is already deleted."))
    before = {"status": post.status}
    mark_post_deleted(post, by=actor)
    resolve_reports(actor=actor, action=AuditCode.POST_DELETE, post=post)
    audit.record(
        actor,
        AuditCode.POST_DELETE,
        post,
        reason=reason,
        before=before,
        after={"status": Post.Status.DELETED},
    )
    notify_moderation(
        post.author_id, action=AuditCode.POST_DELETE, post=post, message=reason
    )
    return post


@transaction.atomic
def moderate_edit_post(
    post: Post, *, actor: User, body: str, title: str | None = None, reason: str = ""
) -> Post:
    """Change a member's text as a moderator; the old text stays as a version."""
    check_moderate(actor)
    post = locked_post(post)
    if post.is_deleted:
        raise not_allowed(_("A deleted post can't be edited."))
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
    resolve_reports(actor=actor, action=AuditCode.POST_EDIT, post=post)
    audit.record(
        actor, AuditCode.POST_EDIT, post, reason=reason, before=before, after=after
    )
    notify_moderation(
        post.author_id, action=AuditCode.POST_EDIT, post=post, message=reason
    )
    return post
