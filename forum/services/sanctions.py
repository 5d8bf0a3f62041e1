"""What moderators do to members: warn, suspend, ban, and lift a suspension or ban.

- A warning is a message the member reads in their notifications.
- A suspension (1, 3, 7 or 30 days) sets `Profile.suspended_until`: the member
  can read, follow, delete their own posts, export their data and delete their
  account, but not post, edit, like or report (see `forum.permissions`).
- A ban sets `User.is_active = False`: Django refuses the login (and ends
  existing sessions, whose user no longer loads). Their posts stay as they are
  unless the moderator also hides them all.

Each writes a `Sanction` row (the member's record), one audit row, closes the
matching reports and tells the reporters.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from members.models import Profile, User

from ..models import Post, Sanction
from ..permissions import check_moderate, check_sanction_member
from . import counters
from .moderation.codes import AuditCode
from .moderation.common import clean_reason, resolve_reports
from .notifications import notify_moderation

SUSPENSION_DAYS = (1, 3, 7, 30)


def _lock_member(member: User) -> User:
    """`member` as they are now, their row locked until the transaction ends."""
    return User.objects.select_for_update(no_key=True).get(pk=member.pk)


def _resolve(actor: User, action: AuditCode, member: User, post: Post | None) -> int:
    closed = resolve_reports(actor=actor, action=action, member=member)
    if post is not None and post.author_id == member.pk:
        closed += resolve_reports(actor=actor, action=action, post=post)
    return closed


def _message(text: str) -> str:
    text = clean_reason(text)
    if not text:
        raise ValidationError(
            {"reason": _("Please write the message the member will read.")},
            code="reason_required",
        )
    return text


@transaction.atomic
def warn_member(
    member: User, *, actor: User, message: str, post: Post | None = None
) -> Sanction:
    """Send `member` a warning they read in their notifications."""
    check_sanction_member(actor, member)
    member = _lock_member(member)
    message = _message(message)
    sanction = Sanction.objects.create(
        member=member,
        kind=Sanction.Kind.WARNING,
        reason=message,
        post=post,
        created_by=actor,
    )
    _resolve(actor, AuditCode.MEMBER_WARN, member, post)
    audit.record(
        actor,
        AuditCode.MEMBER_WARN,
        member,
        reason=message,
        after={"sanction": sanction.pk},
    )
    notify_moderation(
        member.pk, action=AuditCode.MEMBER_WARN, post=post, message=message
    )
    return sanction


@transaction.atomic
def suspend_member(
    member: User, *, actor: User, days: int, reason: str, post: Post | None = None
) -> Sanction:
    """Suspend `member` for 1, 3, 7 or 30 days: they can read but not take part."""
    check_sanction_member(actor, member)
    member = _lock_member(member)
    reason = _message(reason)
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if days not in SUSPENSION_DAYS:
        raise ValidationError(
            {"days": _("Please choose a suspension of 1, 3, 7 or 30 days.")},
            code="days",
        )
    now = timezone.now()
    ends_at = now + timedelta(days=days)
    profile = Profile.objects.select_for_update(no_key=True).get(user=member)
    before = profile.suspended_until
    profile.suspended_until = ends_at
    profile.save(update_fields=["suspended_until"])
    sanction = Sanction.objects.create(
        member=member,
        kind=Sanction.Kind.SUSPENSION,
        reason=reason,
        post=post,
        ends_at=ends_at,
        created_by=actor,
        created_at=now,
    )
    _resolve(actor, AuditCode.MEMBER_SUSPEND, member, post)
    audit.record(
        actor,
        AuditCode.MEMBER_SUSPEND,
        member,
        reason=reason,
        before={"suspended_until": before.isoformat() if before else None},
        after={"suspended_until": ends_at.isoformat(), "days": days},
    )
    notify_moderation(
        member.pk, action=AuditCode.MEMBER_SUSPEND, post=post, message=reason
    )
    return sanction


@transaction.atomic
def ban_member(
    member: User,
    *,
    actor: User,
    reason: str,
    post: Post | None = None,
    hide_posts: bool = False,
) -> Sanction:
    """Ban `member`: they can't log in. With `hide_posts`, their public posts are hidden too."""
    check_sanction_member(actor, member)
    member = _lock_member(member)
    reason = _message(reason)
    if not member.is_active:
        raise ValidationError(_("This member is already banned."), code="banned")
    member.is_active = False
    member.save(update_fields=["is_active"])
    hidden = []
    if hide_posts:
        published = (
            Post.objects.select_for_update(no_key=True, of=("self",))
            .select_related("thread")
            .filter(author=member, status=Post.Status.PUBLISHED)
        )
        for target in published:
            target.status = Post.Status.HIDDEN
            target.auto_hidden = False
            target.hidden_reason = reason
            target.save(update_fields=["status", "auto_hidden", "hidden_reason"])
            counters.post_unpublished(target)
            hidden.append(target.pk)
            resolve_reports(actor=actor, action=AuditCode.POST_HIDE, post=target)
    sanction = Sanction.objects.create(
        member=member,
        kind=Sanction.Kind.BAN,
        reason=reason,
        post=post,
        created_by=actor,
    )
    _resolve(actor, AuditCode.MEMBER_BAN, member, post)
    audit.record(
        actor,
        AuditCode.MEMBER_BAN,
        member,
        reason=reason,
        before={"is_active": True},
        after={"is_active": False, "hidden_posts": hidden},
    )
    return sanction


@transaction.atomic
def lift_sanctions(member: User, *, actor: User, reason: str = "") -> int:
    """End `member`'s suspension and ban now; how many sanctions were lifted."""
    check_moderate(actor)
    member = _lock_member(member)
    reason = clean_reason(reason)
    now = timezone.now()
    in_force = [
        s
        for s in Sanction.objects.filter(
            member=member,
            kind__in=[Sanction.Kind.SUSPENSION, Sanction.Kind.BAN],
            lifted_at__isnull=True,
        )
        if s.is_in_force
    ]
    profile = Profile.objects.select_for_update(no_key=True).get(user=member)
    was_suspended = profile.is_suspended
    was_banned = not member.is_active
    if not (in_force or was_suspended or was_banned):
        raise ValidationError(
            _("This member is neither suspended nor banned."), code="nothing_to_lift"
        )
    Sanction.objects.filter(pk__in=[s.pk for s in in_force]).update(
        lifted_at=now, lifted_by=actor
    )
    if was_suspended:
        profile.suspended_until = None
        profile.save(update_fields=["suspended_until"])
    if was_banned:
        member.is_active = True
        member.save(update_fields=["is_active"])
    audit.record(
        actor,
        AuditCode.MEMBER_LIFT,
        member,
        reason=reason,
        before={"suspended": was_suspended, "banned": was_banned},
        after={"suspended": False, "banned": False},
    )
    notify_moderation(member.pk, action=AuditCode.MEMBER_LIFT, message=reason)
    return len(in_force)
