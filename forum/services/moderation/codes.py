"""The words the audit log, notices and report outcomes use for moderation.

One `AuditCode` per thing that happens; the catalogue of actions
(`actions.py`) says which code each moderator's action writes.
"""

from enum import StrEnum


class AuditCode(StrEnum):
    POST_APPROVE = "post.approve"
    POST_HIDE = "post.hide"
    POST_AUTO_HIDE = "post.auto_hide"
    POST_RESTORE = "post.restore"
    POST_DELETE = "post.delete"
    POST_EDIT = "post.edit"
    THREAD_LOCK = "thread.lock"
    THREAD_UNLOCK = "thread.unlock"
    THREAD_PIN = "thread.pin"
    THREAD_UNPIN = "thread.unpin"
    THREAD_MOVE = "thread.move"
    THREAD_MEMBERS_ONLY = "thread.members_only"
    THREAD_PUBLIC = "thread.public"
    REPORT_DISMISS = "report.dismiss"
    REPORT_ESCALATE = "report.escalate"
    MEMBER_WARN = "member.warn"
    MEMBER_SUSPEND = "member.suspend"
    MEMBER_BAN = "member.ban"
    MEMBER_LIFT = "member.lift"
