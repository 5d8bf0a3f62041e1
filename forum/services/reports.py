"""Reporting posts and profiles ("Report or request deletion"), and auto-hiding.

One open report per member per item. Open reports on a post add up their
weights (1 each, FORUM_MODERATOR_REPORT_WEIGHT for a moderator's); when the sum
reaches FORUM_AUTO_HIDE_REPORTS the post hides itself until a moderator looks.
Closing reports happens in `moderation` and `sanctions`, with every action.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.text import clean_text
from members.models import User

from ..conf import app_settings
from ..models import Post, Report
from ..permissions import can_moderate, check_report_member, check_report_post
from . import counters
from .moderation.codes import AuditCode
from .notifications import notify_moderation


def _clean_reason(reason: str, allowed) -> str:
    if reason not in allowed:
        raise ValidationError(
            {"reason": _("Please choose a reason from the list.")}, code="reason"
        )
    return reason


def _clean_note(note: str | None) -> str:
    note = clean_text(note, field="note")
    if len(note) > Report.NOTE_MAX:
        raise ValidationError(
            {
                "note": _("Please keep the note under %(max)d characters.")
                % {"max": Report.NOTE_MAX}
            },
            code="too_long",
        )
    return note


def post_snapshot(post: Post) -> str:
    """The text as it is now (with the thread's title for an opening post)."""
    if post.is_opening:
        return f"{post.thread.title}\n\n{post.body}"
    return post.body


def _email_moderators(report: Report) -> None:
    if app_settings.EMAIL_MODERATORS_ON_REPORT:
        from ..tasks import send_report_emails

        report_id = report.pk
        transaction.on_commit(lambda: send_report_emails.enqueue(report_id))


@transaction.atomic
def report_post(post: Post, *, actor: User, reason: str, note: str = "") -> Report:
    """Report `post` (or, as its author, ask for its deletion). Reporting twice is refused."""
    # The post's row lock serializes reports on it, so the weights add up exactly.
    post = (
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread")
        .get(pk=post.pk)
    )
    reason = _clean_reason(reason, Report.Reason.values)
    check_report_post(actor, post, reason)
    note = _clean_note(note)
    if Report.objects.filter(
        reporter_id=actor.pk, post=post, status=Report.Status.OPEN
    ).exists():
        raise ValidationError(
            _(
                "You have already reported this post. A moderator will review it and "
                "you'll find the outcome in your notifications."
            ),
            code="already_reported",
        )
    report = _file_report(
        actor, post, reason=reason, note=note, snapshot=post_snapshot(post), post=post
    )
    auto_hide_if_reported(post)
    _email_moderators(report)
    return report


@transaction.atomic
def report_member(member: User, *, actor: User, reason: str, note: str = "") -> Report:
    """Report `member`'s profile (its name or bio). Reporting twice is refused."""
    member = User.objects.select_for_update(no_key=True).get(pk=member.pk)
    allowed = [r for r in Report.Reason.values if r != Report.Reason.DELETION]
    reason = _clean_reason(reason, allowed)
    check_report_member(actor, member)
    note = _clean_note(note)
    if Report.objects.filter(
        reporter_id=actor.pk,
        member=member,
        post__isnull=True,
        status=Report.Status.OPEN,
    ).exists():
        raise ValidationError(
            _(
                "You have already reported this profile. A moderator will review it "
                "and you'll find the outcome in your notifications."
            ),
            code="already_reported",
        )
    profile = member.profile
    report = _file_report(
        actor,
        member,
        reason=reason,
        note=note,
        snapshot=f"{profile.display_name}\n\n{profile.bio}".strip(),
        member=member,
    )
    _email_moderators(report)
    return report


def _file_report(
    actor: User, target, *, reason: str, note: str, snapshot: str, **about
):
    """The report row; a moderator's weighs more and is audited as an escalation."""
    by_moderator = can_moderate(actor)
    report = Report.objects.create(
        reporter=actor,
        reason=reason,
        note=note,
        snapshot=snapshot,
        weight=app_settings.MODERATOR_REPORT_WEIGHT if by_moderator else 1,
        by_moderator=by_moderator,
        created_at=timezone.now(),
        **about,
    )
    if by_moderator:
        audit.record(
            actor,
            AuditCode.REPORT_ESCALATE,
            target,
            reason=note,
            after={"reason": reason},
        )
    return report


def open_report_weight(post: Post) -> int:
    return (
        Report.objects.filter(post=post, status=Report.Status.OPEN).aggregate(
            total=Sum("weight")
        )["total"]
        or 0
    )


def auto_hide_if_reported(post: Post) -> bool:
    """Hide a published `post` (locked by the caller) once its open reports weigh enough.

    Its author and the moderators still see it, marked; the reports stay open
    for a moderator to decide.
    """
    if post.status != Post.Status.PUBLISHED:
        return False
    weight = open_report_weight(post)
    if weight < app_settings.AUTO_HIDE_REPORTS:
        return False
    post.status = Post.Status.HIDDEN
    post.auto_hidden = True
    post.hidden_reason = ""
    post.save(update_fields=["status", "auto_hidden", "hidden_reason"])
    counters.post_unpublished(post)
    audit.record(
        None,
        AuditCode.POST_AUTO_HIDE,
        post,
        reason=_("Reports reached the auto-hide threshold."),
        before={"status": Post.Status.PUBLISHED},
        after={
            "status": Post.Status.HIDDEN,
            "report_weight": weight,
            "threshold": app_settings.AUTO_HIDE_REPORTS,
        },
    )
    notify_moderation(post.author_id, action=AuditCode.POST_AUTO_HIDE, post=post)
    return True
