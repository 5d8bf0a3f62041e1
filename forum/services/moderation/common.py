"""What every moderation service shares: the reason, row locks, closing reports."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import clean_text
from members.models import User

from ...models import Post, Report, Thread
from ..notifications import notify_report_outcome

REASON_MAX = 1000


def clean_reason(reason: str | None, *, required: bool = False) -> str:
    """A moderator's reason: trimmed, NUL bytes refused, at most REASON_MAX characters."""
    reason = clean_text(reason, field="reason")
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


def not_allowed(message: str) -> ValidationError:
    """The action doesn't fit the state the row is in now."""
    return ValidationError(message, code="invalid_state")


def locked_post(post: Post) -> Post:
    """`post` as it is now, its row locked until the transaction ends."""
    return (
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread__board")
        .get(pk=post.pk)
    )


def locked_thread(thread: Thread) -> Thread:
    """`thread` as it is now, its row locked until the transaction ends."""
    return (
        Thread.objects.select_for_update(no_key=True, of=("self",))
        .select_related("board", "first_post")
        .get(pk=thread.pk)
    )


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
