"""Who may do what with private conversations. `can_*` answer, `check_*` refuse."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from members.community import have_interacted, is_blocked_between, is_new_member

from .models import Message, MessageReport, Participant


def can_use_conversations(user) -> bool:
    """Signed-in members (verified email) may write private messages."""
    return user.is_authenticated and user.has_perm("conversations.add_message")


def _sending_problem(user) -> str | None:
    if not can_use_conversations(user):
        return _("Only members can send private messages.")
    if user.profile.is_suspended:
        return _("Your account is suspended: you can't send messages for now.")
    return None


def start_problem(user, recipient) -> str | None:
    """Why `user` may not start a conversation with `recipient` (None: they may)."""
    problem = _sending_problem(user)
    if problem:
        return problem
    if recipient.pk == user.pk:
        return _("You can't start a conversation with yourself.")
    if not recipient.is_active:
        return _("This member is no longer here.")
    if is_blocked_between(user.pk, recipient.pk):
        return _("You can't write to %(name)s.") % {"name": recipient.profile}
    if not recipient.profile.accepts_new_conversations:
        return _("%(name)s does not take new private conversations.") % {
            "name": recipient.profile
        }
    if is_new_member(user) and not have_interacted(user.pk, recipient.pk):
        return _(
            "New members can write privately only to people they have already "
            "talked with in the forum. %(name)s is not one of them yet."
        ) % {"name": recipient.profile}
    return None


def can_start_conversation(user, recipient) -> bool:
    """Members may write to members who take conversations and did not block them."""
    return start_problem(user, recipient) is None


def check_start_conversation(user, recipients) -> None:
    for recipient in recipients:
        problem = start_problem(user, recipient)
        if problem:
            raise PermissionDenied(problem)


def reply_problem(user, participant: Participant | None, others) -> str | None:
    """Why `user` may not write in a conversation (`others`: the other active people)."""
    problem = _sending_problem(user)
    if problem:
        return problem
    if participant is None or not participant.is_active:
        return _("You are not in this conversation.")
    if not others:
        return _("Everyone else has left this conversation.")
    if any(is_blocked_between(user.pk, other.user_id) for other in others):
        return _("You can't write in this conversation any more.")
    return None


def can_send_message(user, participant, others) -> bool:
    """Active participants may write unless suspended or blocked."""
    return reply_problem(user, participant, others) is None


def check_send_message(user, participant, others) -> None:
    problem = reply_problem(user, participant, others)
    if problem:
        raise PermissionDenied(problem)


def can_edit_message(user, message: Message) -> bool:
    """Authors may edit their visible message for 15 minutes."""
    return (
        user.is_authenticated
        and message.author_id == user.pk
        and message.status == Message.Status.VISIBLE
        and not user.profile.is_suspended
        and timezone.now() - message.created_at
        <= timedelta(minutes=Message.EDIT_WINDOW_MINUTES)
    )


def check_edit_message(user, message: Message) -> None:
    if not can_edit_message(user, message):
        raise PermissionDenied(
            _("You can edit your message only within 15 minutes of writing it.")
        )


def can_report_message(user, message: Message, participant) -> bool:
    """Participants may report visible messages written by someone else."""
    return (
        can_use_conversations(user)
        and participant is not None
        and participant.user_id == user.pk
        and message.author_id != user.pk
        and message.status == Message.Status.VISIBLE
    )


def check_report_message(user, message: Message, participant) -> None:
    if not can_report_message(user, message, participant):
        raise PermissionDenied(_("You can't report this message."))


def can_moderate_conversations(user) -> bool:
    """Moderators read conversations only through a report, and may hide messages."""
    return user.is_authenticated and user.has_perm(
        "conversations.moderate_conversation"
    )


def check_moderate_conversations(user) -> None:
    if not can_moderate_conversations(user):
        raise PermissionDenied(_("Only moderators can do this."))


def check_read_reported(user, report: MessageReport) -> None:
    """Moderators read a conversation only through a report about it."""
    check_moderate_conversations(user)
