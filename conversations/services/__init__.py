"""Writes about conversations. Import from here."""

from .conversations import (
    clean_body,
    edit_message,
    flush_read_marks,
    leave_conversation,
    record_read,
    save_read_marks,
    send_message,
    start_conversation,
)
from .emails import (
    emails_suppressed,
    send_message_digests,
    send_pending_message_emails,
    send_queued_message_emails,
)
from .photos import (
    approve_photo,
    photo_limits,
    record_photo_view,
    refuse_photo,
    remove_message_photos,
)
from .reports import (
    dismiss_report,
    hide_message,
    read_reported_conversation,
    report_message,
)

__all__ = [
    "approve_photo",
    "photo_limits",
    "record_photo_view",
    "refuse_photo",
    "remove_message_photos",
    "clean_body",
    "dismiss_report",
    "edit_message",
    "emails_suppressed",
    "hide_message",
    "flush_read_marks",
    "leave_conversation",
    "record_read",
    "save_read_marks",
    "read_reported_conversation",
    "report_message",
    "send_message",
    "send_message_digests",
    "send_pending_message_emails",
    "send_queued_message_emails",
    "start_conversation",
]
