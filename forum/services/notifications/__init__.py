"""In-app notifications and the emails that follow them.

In-app rows are written in the transaction of the post or like that causes
them (`inapp`). Emails go out after commit through Django's tasks framework
(`forum.tasks.send_post_emails`) for members who want them immediately, delivered
at least once (`delivery`); those who chose the daily digest get
`send_daily_digests` (`digest`, the `send_forum_digest` command). Nobody is
emailed about their own post, and a thread muted through an email's unsubscribe
link sends nothing more. What moderators' actions tell people: `moderation`.
"""

from .delivery import (
    TRANSIENT_EMAIL_ERRORS,
    email_retry_delay,
    notification_message_id,
    send_pending_emails,
    send_queued_emails,
)
from .digest import send_daily_digests
from .emails import absolute_url, build_post_email, unsubscribe_url
from .inapp import (
    EMAILED_KINDS,
    emails_suppressed,
    mark_all_read,
    mark_read,
    notify_like,
    notify_new_post,
)
from .moderation import (
    moderator_recipients,
    notify_moderation,
    notify_report_outcome,
    send_report_emails,
)

__all__ = [
    "EMAILED_KINDS",
    "TRANSIENT_EMAIL_ERRORS",
    "absolute_url",
    "build_post_email",
    "email_retry_delay",
    "emails_suppressed",
    "mark_all_read",
    "mark_read",
    "moderator_recipients",
    "notification_message_id",
    "notify_like",
    "notify_moderation",
    "notify_new_post",
    "notify_report_outcome",
    "send_daily_digests",
    "send_pending_emails",
    "send_queued_emails",
    "send_report_emails",
    "unsubscribe_url",
]
