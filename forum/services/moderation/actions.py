"""The catalogue of moderation actions: each one declared once.

An action says what moderators pick (`key`, `label`), who may use it
(`permission`, a `can_*` from `forum.permissions`), when it fits what they look
at (`fits`), the service it calls, the audit code that service writes, the
message the moderator sees, the notice the author receives and the outcome the
reporters read. The forms, the review pages, bulk actions and the notices all
read from here; nothing else lists the actions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from members.models import User

from ...models import Post
from ...permissions import can_moderate, can_sanction_member
from ..sanctions import ban_member, lift_sanctions, suspend_member, warn_member
from .codes import AuditCode
from .dismissals import dismiss_member_reports, dismiss_reports
from .posts import (
    approve_post,
    hide_post,
    moderate_edit_post,
    remove_post,
    restore_post,
)
from .threads import (
    lock_thread,
    make_thread_members_only,
    move_thread,
    pin_thread,
    unlock_thread,
    unpin_thread,
)


class Target(StrEnum):
    """What the service is called on."""

    POST = "post"  # the post under review
    THREAD = "thread"  # its thread (and the post, to close its reports)
    MEMBER = "member"  # a member: the one under review, or the post's author


@dataclass(frozen=True)
class ModerationAction:
    """One thing a moderator can do. `fits(subject)` says whether it applies as
    things are now; the subject is the post for post and thread actions, the
    member for member actions."""

    key: str
    code: AuditCode
    label: Promise
    target: Target
    service: Callable[..., Any]
    permission: Callable[..., bool]
    fits: Callable[[Any], bool]
    success: Promise
    notice: Promise | None = None
    outcome: Promise | None = None
    # Sanctions ask `permission(user, member)`; the others `permission(user)`.
    per_member: bool = False
    # Offered on the post page (member actions then act on the post's author).
    from_post: bool = True
    reason_required: bool = False
    # The service's keyword for the moderator's text.
    reason_as: str = "reason"
    # Form fields the service also takes: "board", "days", "hide_posts".
    options: tuple[str, ...] = ()
    # Offered in the queue's bulk form, with this label.
    bulk_label: Promise | None = None
    # Picked from the action menu (False: the action has a page of its own).
    in_menu: bool = True

    def allows(self, user: User, member: User | None = None) -> bool:
        """May `user` take this action (on `member`, for sanctions)?"""
        if self.per_member:
            return member is not None and self.permission(user, member)
        return self.permission(user)

    def perform(
        self,
        *,
        actor: User,
        post: Post | None = None,
        member: User | None = None,
        reason: str = "",
        **options: Any,
    ) -> Any:
        """Call the service on this action's target; returns what the service returns."""
        arguments = {self.reason_as: reason}
        arguments.update({name: options[name] for name in self.options})
        if self.target is Target.POST:
            return self.service(post, actor=actor, **arguments)
        if self.target is Target.THREAD:
            return self.service(post.thread, actor=actor, post=post, **arguments)
        if self.from_post:
            arguments["post"] = post
        return self.service(member, actor=actor, **arguments)

    def success_message(self, **context: Any) -> str:
        """The flash message; `context` fills %(name)s, %(board)s and %(date)s."""
        return str(self.success) % context


def _always(subject) -> bool:
    return True


def _can_restore(post: Post) -> bool:
    if post.status == Post.Status.HIDDEN:
        return True
    return (
        post.status == Post.Status.DELETED
        and post.deleted_by_id not in (None, post.author_id)
        and bool(post.body)
    )


_REVIEWED = _("a moderator reviewed it and left it as it is.")
_ABOUT_MEMBER = _("a moderator took action about the member.")
_DISMISSED = _("The reports are dismissed; the reporters are told.")
_DISMISS = _("Dismiss the reports: no action needed")

ACTIONS: tuple[ModerationAction, ...] = (
    ModerationAction(
        key="approve",
        code=AuditCode.POST_APPROVE,
        label=_("Approve: publish the post"),
        bulk_label=_("Approve"),
        target=Target.POST,
        service=approve_post,
        permission=can_moderate,
        fits=lambda post: post.status == Post.Status.PENDING,
        success=_("The post is approved: everyone can read it now."),
        notice=_(
            "A moderator approved your post in “%(title)s”: everyone can read it now."
        ),
        outcome=_REVIEWED,
    ),
    ModerationAction(
        key="dismiss",
        code=AuditCode.REPORT_DISMISS,
        label=_DISMISS,
        bulk_label=_("Dismiss their reports"),
        target=Target.POST,
        service=dismiss_reports,
        permission=can_moderate,
        fits=lambda post: (
            bool(getattr(post, "open_report_count", 0)) or post.auto_hidden
        ),
        success=_DISMISSED,
        outcome=_REVIEWED,
    ),
    ModerationAction(
        key="dismiss",
        code=AuditCode.REPORT_DISMISS,
        label=_DISMISS,
        target=Target.MEMBER,
        from_post=False,
        service=dismiss_member_reports,
        permission=can_moderate,
        fits=lambda member: bool(member.report_list),
        success=_DISMISSED,
        outcome=_REVIEWED,
    ),
    ModerationAction(
        key="hide",
        code=AuditCode.POST_HIDE,
        label=_("Hide the post (the author reads the reason)"),
        bulk_label=_("Hide (the authors read the reason)"),
        target=Target.POST,
        service=hide_post,
        permission=can_moderate,
        fits=lambda post: post.status != Post.Status.DELETED,
        reason_required=True,
        success=_("The post is hidden. Its author sees your reason."),
        notice=_("A moderator hid your post in “%(title)s”."),
        outcome=_("a moderator hid the post."),
    ),
    ModerationAction(
        key="restore",
        code=AuditCode.POST_RESTORE,
        label=_("Restore the post"),
        bulk_label=_("Restore"),
        target=Target.POST,
        service=restore_post,
        permission=can_moderate,
        fits=_can_restore,
        success=_("The post is visible again."),
        notice=_("Your post in “%(title)s” is visible again."),
        outcome=_REVIEWED,
    ),
    ModerationAction(
        key="delete",
        code=AuditCode.POST_DELETE,
        label=_("Delete the post"),
        bulk_label=_("Delete"),
        target=Target.POST,
        service=remove_post,
        permission=can_moderate,
        fits=lambda post: post.status != Post.Status.DELETED,
        success=_("The post is deleted: a placeholder says a moderator removed it."),
        notice=_("A moderator removed your post in “%(title)s”."),
        outcome=_("a moderator removed the post."),
    ),
    ModerationAction(
        key="edit",
        code=AuditCode.POST_EDIT,
        label=_("Edit the post"),
        target=Target.POST,
        service=moderate_edit_post,
        permission=can_moderate,
        fits=lambda post: not post.is_deleted,
        in_menu=False,
        success=_("The post is edited; the earlier text is kept."),
        notice=_("A moderator edited your post in “%(title)s”."),
        outcome=_("a moderator edited the post."),
    ),
    ModerationAction(
        key="lock",
        code=AuditCode.THREAD_LOCK,
        label=_("Lock the thread"),
        target=Target.THREAD,
        service=lock_thread,
        permission=can_moderate,
        fits=lambda post: not post.thread.is_locked,
        success=_("The thread is locked."),
        outcome=_("a moderator locked the thread."),
    ),
    ModerationAction(
        key="unlock",
        code=AuditCode.THREAD_UNLOCK,
        label=_("Unlock the thread"),
        target=Target.THREAD,
        service=unlock_thread,
        permission=can_moderate,
        fits=lambda post: post.thread.is_locked,
        success=_("The thread is unlocked."),
    ),
    ModerationAction(
        key="pin",
        code=AuditCode.THREAD_PIN,
        label=_("Pin the thread"),
        target=Target.THREAD,
        service=pin_thread,
        permission=can_moderate,
        fits=lambda post: not post.thread.is_pinned,
        success=_("The thread is pinned."),
    ),
    ModerationAction(
        key="unpin",
        code=AuditCode.THREAD_UNPIN,
        label=_("Unpin the thread"),
        target=Target.THREAD,
        service=unpin_thread,
        permission=can_moderate,
        fits=lambda post: post.thread.is_pinned,
        success=_("The thread is unpinned."),
    ),
    ModerationAction(
        key="members_only",
        code=AuditCode.THREAD_MEMBERS_ONLY,
        label=_("Make the thread members-only (hidden from visitors)"),
        target=Target.THREAD,
        service=make_thread_members_only,
        permission=can_moderate,
        fits=lambda post: not post.thread.members_only,
        success=_("The thread is for members only: visitors no longer see it."),
        outcome=_("a moderator made the thread members-only."),
    ),
    ModerationAction(
        key="move",
        code=AuditCode.THREAD_MOVE,
        label=_("Move the thread to another board"),
        target=Target.THREAD,
        service=move_thread,
        permission=can_moderate,
        fits=_always,
        options=("board",),
        success=_("The thread is moved to %(board)s."),
        outcome=_("a moderator moved the thread to a better board."),
    ),
    ModerationAction(
        key="warn",
        code=AuditCode.MEMBER_WARN,
        label=_("Warn the member (they read your message)"),
        target=Target.MEMBER,
        service=warn_member,
        permission=can_sanction_member,
        per_member=True,
        fits=lambda member: member.is_active,
        reason_required=True,
        reason_as="message",
        success=_("%(name)s is warned: they'll read your message."),
        notice=_("A moderator sent you a warning."),
        outcome=_ABOUT_MEMBER,
    ),
    ModerationAction(
        key="suspend",
        code=AuditCode.MEMBER_SUSPEND,
        label=_("Suspend the member"),
        target=Target.MEMBER,
        service=suspend_member,
        permission=can_sanction_member,
        per_member=True,
        fits=lambda member: member.is_active,
        reason_required=True,
        options=("days",),
        success=_("%(name)s is suspended until %(date)s."),
        notice=_(
            "A moderator suspended your account: you can read the forum, but not "
            "post, for now."
        ),
        outcome=_ABOUT_MEMBER,
    ),
    ModerationAction(
        key="ban",
        code=AuditCode.MEMBER_BAN,
        label=_("Ban the member (they can't log in)"),
        target=Target.MEMBER,
        service=ban_member,
        permission=can_sanction_member,
        per_member=True,
        fits=lambda member: member.is_active,
        reason_required=True,
        options=("hide_posts",),
        success=_("%(name)s is banned: they can't log in any more."),
        outcome=_ABOUT_MEMBER,
    ),
    ModerationAction(
        key="lift",
        code=AuditCode.MEMBER_LIFT,
        label=_("Lift the suspension or ban"),
        target=Target.MEMBER,
        from_post=False,
        service=lift_sanctions,
        permission=can_moderate,
        fits=lambda member: not member.is_active or member.profile.is_suspended,
        success=_("%(name)s can take part again."),
        notice=_("Your suspension is lifted: you can take part again."),
    ),
)

POST_ACTIONS = {a.key: a for a in ACTIONS if a.from_post and a.in_menu}
MEMBER_ACTIONS = {a.key: a for a in ACTIONS if a.target is Target.MEMBER}
EDIT = next(a for a in ACTIONS if a.key == "edit")
BULK_ACTIONS = {a.key: a for a in ACTIONS if a.bulk_label}

# What the author reads when nothing a moderator picked did it.
AUTO_HIDE_NOTICE = _(
    "Your post in “%(title)s” is hidden while moderators review reports about it."
)
NOTICES: dict[str, Promise] = {
    AuditCode.POST_AUTO_HIDE: AUTO_HIDE_NOTICE,
    **{a.code: a.notice for a in ACTIONS if a.notice},
}
OUTCOMES: dict[str, Promise] = {a.code: a.outcome for a in ACTIONS if a.outcome}


def post_actions(user: User, post: Post, *, sanctions: bool | None = None):
    """The actions `user` may take from `post`'s page, as the post is now.

    `sanctions`: whether its author may be sanctioned, when the caller already
    knows (the queue decides it without asking the database per author).
    """
    chosen = []
    for action in POST_ACTIONS.values():
        if action.target is Target.MEMBER:
            author = post.author
            if author is None or not action.fits(author):
                continue
            allowed = action.allows(user, author) if sanctions is None else sanctions
        else:
            allowed = action.fits(post) and action.allows(user)
        if allowed:
            chosen.append(action)
    return chosen


def member_actions(user: User, member: User) -> list[ModerationAction]:
    """The actions `user` may take on `member`'s page, as the member is now."""
    return [
        action
        for action in MEMBER_ACTIONS.values()
        if action.fits(member) and action.allows(user, member)
    ]
