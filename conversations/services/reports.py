"""Reports about messages, and what moderators do with them.

Moderators never browse conversations: they read one only through a report,
and every such reading is written to the audit log with who, when and why.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.text import clean_text
from members.models import User

from ..conf import app_settings
from ..models import Message, MessageReport, Participant
from ..permissions import (
    check_moderate_conversations,
    check_read_reported,
    check_report_message,
)
from .photos import remove_message_photos


def _snapshot(message: Message) -> list[dict]:
    """The reported message with up to N messages on either side, as they are now."""
    around = app_settings.SNAPSHOT_AROUND
    rows = Message.objects.filter(conversation_id=message.conversation_id)
    before = list(
        rows.filter(created_at__lte=message.created_at)
        .exclude(pk=message.pk)
        .select_related("author__profile")
        .order_by("-created_at", "-pk")[:around]
    )
    after = list(
        rows.filter(created_at__gte=message.created_at)
        .exclude(pk=message.pk)
        .select_related("author__profile")
        .order_by("created_at", "pk")[:around]
    )
    return [
        {
            "id": m.pk,
            "author": m.author.profile.display_name if m.author else "",
            "author_id": m.author_id,
            "created_at": m.created_at.isoformat(),
            "html": m.body_html,
            "reported": m.pk == message.pk,
        }
        for m in [*reversed(before), message, *after]
    ]


@transaction.atomic
def report_message(message: Message, *, actor: User, reason: str) -> MessageReport:
    """Send `message`, with the conversation around it, to the moderators' queue."""
    place = Participant.objects.filter(
        conversation_id=message.conversation_id, user_id=actor.pk
    ).first()
    check_report_message(actor, message, place)
    reason = clean_text(reason, field="reason").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please say briefly what is wrong.")}, code="empty"
        )
    existing = MessageReport.objects.filter(
        message=message, reporter=actor, status=MessageReport.Status.OPEN
    ).first()
    if existing:
        return existing
    report = MessageReport(
        message=message,
        reporter=actor,
        reason=reason[: MessageReport.REASON_MAX],
        snapshot=_snapshot(message),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # a double click won the race
        return MessageReport.objects.get(
            message=message, reporter=actor, status=MessageReport.Status.OPEN
        )
    return report


@transaction.atomic
def read_reported_conversation(
    report: MessageReport,
    *,
    actor: User,
    reason: str,
    scope: str = MessageReport.ReadScope.WHOLE,
) -> None:
    """Record that moderator `actor` reads the reported conversation (`scope`: the
    messages around the reported one as reported, or all of it), and why."""
    check_read_reported(actor, report)
    reason = " ".join(clean_text(reason, field="reason").split())
    if not reason:
        raise ValidationError(
            {"reason": _("Please say why you need to read this conversation.")},
            code="empty",
        )
    audit.record(
        actor,
        "conversation.read",
        report.message.conversation,
        reason=reason[:500],
        after={
            "report": report.pk,
            "message": report.message_id,
            "scope": MessageReport.ReadScope(scope).value,
        },
    )


def _close(report: MessageReport, *, actor: User, outcome: str) -> None:
    report.status = MessageReport.Status.CLOSED
    report.outcome = outcome[:300]
    report.handled_by = actor
    report.handled_at = timezone.now()
    report.save(update_fields=["status", "outcome", "handled_by", "handled_at"])


@transaction.atomic
def hide_message(
    message: Message, *, actor: User, reason: str, report: MessageReport | None = None
) -> Message:
    """Hide a reported message from the conversation; its open reports close."""
    check_moderate_conversations(actor)
    message = Message.objects.select_for_update().get(pk=message.pk)
    reason = " ".join(clean_text(reason, field="reason").split())
    if not reason:
        raise ValidationError(
            {"reason": _("Please give the reason the author will see.")},
            code="empty",
        )
    if message.status == Message.Status.VISIBLE:
        message.status = Message.Status.HIDDEN
        message.hidden_reason = reason[:300]
        message.save(update_fields=["status", "hidden_reason"])
        photos = remove_message_photos([message])
        audit.record(
            actor,
            "message.hide",
            message,
            reason=reason,
            before={"status": Message.Status.VISIBLE},
            after={
                "status": Message.Status.HIDDEN,
                "report": getattr(report, "pk", None),
                "photos_removed": photos,
            },
        )
    for open_report in message.reports.select_for_update().filter(
        status=MessageReport.Status.OPEN
    ):
        _close(open_report, actor=actor, outcome=_("Message hidden"))
    return message


@transaction.atomic
def dismiss_report(report: MessageReport, *, actor: User, reason: str) -> MessageReport:
    """Close a report without action."""
    check_moderate_conversations(actor)
    report = MessageReport.objects.select_for_update().get(pk=report.pk)
    if report.status == MessageReport.Status.OPEN:
        reason = " ".join(clean_text(reason, field="reason").split())
        _close(report, actor=actor, outcome=reason or _("No action needed"))
        audit.record(
            actor, "message_report.dismiss", report, reason=reason or "no action"
        )
    return report
