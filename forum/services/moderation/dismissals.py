"""Closing reports as "no action needed", on a post or about a member's profile."""

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from members.models import User

from ...models import Post
from ...permissions import check_moderate
from ..notifications import notify_moderation
from .codes import AuditCode
from .common import clean_reason, locked_post, not_allowed, resolve_reports
from .posts import publish_again


@transaction.atomic
def dismiss_reports(post: Post, *, actor: User, reason: str = "") -> int:
    """Close the post's reports as "no action needed"; an auto-hidden post comes back."""
    check_moderate(actor)
    post = locked_post(post)
    reason = clean_reason(reason)
    restored = post.status == Post.Status.HIDDEN and post.auto_hidden
    if restored:
        publish_again(post)
    closed = resolve_reports(
        actor=actor, action=AuditCode.REPORT_DISMISS, post=post, dismissed=True
    )
    if not closed and not restored:
        raise not_allowed(_("This post has no open reports."))
    audit.record(
        actor,
        AuditCode.REPORT_DISMISS,
        post,
        reason=reason,
        before={"open_reports": closed},
        after={"status": post.status, "restored": restored},
    )
    if restored:
        notify_moderation(post.author_id, action=AuditCode.POST_RESTORE, post=post)
    return closed


@transaction.atomic
def dismiss_member_reports(member: User, *, actor: User, reason: str = "") -> int:
    """Close the reports about `member`'s profile as "no action needed"."""
    check_moderate(actor)
    reason = clean_reason(reason)
    closed = resolve_reports(
        actor=actor, action=AuditCode.REPORT_DISMISS, member=member, dismissed=True
    )
    if not closed:
        raise not_allowed(_("This profile has no open reports."))
    audit.record(
        actor,
        AuditCode.REPORT_DISMISS,
        member,
        reason=reason,
        before={"open_reports": closed},
    )
    return closed
