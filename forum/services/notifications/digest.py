"""The daily digest, for members who chose one email a day."""

import logging
from collections import defaultdict

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.conf import site_settings
from core.plaintext import excerpt
from members.languages import in_member_language

from ...models import Notification, ThreadMute
from .delivery import TRANSIENT_EMAIL_ERRORS
from .emails import absolute_url, email_wanted, send_email, thread_context

logger = logging.getLogger(__name__)


def send_daily_digests() -> int:
    """One email per member with notifications waiting for the digest; how many were sent."""
    waiting = list(
        Notification.objects.filter(email=Notification.Email.DIGEST)
        .select_related("recipient__profile", "actor__profile", "thread", "post")
        .prefetch_related("thread__disclaimer_versions__disclaimer")
        .order_by("recipient_id", "thread_id", "created_at")
    )
    muted = set(
        ThreadMute.objects.filter(
            user_id__in={n.recipient_id for n in waiting}
        ).values_list("user_id", "thread_id")
    )
    by_recipient: dict[int, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_recipient[notification.recipient_id].append(notification)
    sent = 0
    for items in by_recipient.values():
        recipient = items[0].recipient
        wanted = [n for n in items if email_wanted(n, muted)]
        claimed = Notification.objects.filter(
            pk__in=[n.pk for n in items], email=Notification.Email.DIGEST
        ).update(email=Notification.Email.NONE)
        if not (claimed and wanted):
            continue
        with in_member_language(recipient):
            threads: dict[int, dict] = {}
            for notification in wanted:
                entry = threads.setdefault(
                    notification.thread_id,
                    {**thread_context(notification.thread, recipient.pk), "items": []},
                )
                entry["items"].append(
                    {
                        "notification": notification,
                        "actor": notification.actor.profile.display_name
                        if notification.actor
                        else _("Former member"),
                        "post_url": absolute_url(notification.post.get_absolute_url()),
                        "post_text": ""
                        if notification.thread.members_only
                        else excerpt(notification.post.body_html, 300),
                    }
                )
            text = render_to_string(
                "forum/emails/digest.txt",
                {
                    "recipient": recipient,
                    "threads": list(threads.values()),
                    "count": len(wanted),
                    "settings_url": absolute_url(reverse("accounts:profile-edit")),
                    "site_name": site_settings.NAME,
                },
            )
            subject = ngettext(
                "Your daily forum digest: %(count)d new reply",
                "Your daily forum digest: %(count)d new replies",
                len(wanted),
            ) % {"count": len(wanted)}
        wanted_rows = Notification.objects.filter(pk__in=[n.pk for n in wanted])
        try:
            send_email(recipient, subject, text, None)
        except TRANSIENT_EMAIL_ERRORS as error:
            # Not sent: the replies wait for tomorrow's digest.
            wanted_rows.update(email=Notification.Email.DIGEST)
            logger.warning("Digest for member %s not sent: %s", recipient.pk, error)
            continue
        wanted_rows.update(email=Notification.Email.SENT, email_sent_at=timezone.now())
        sent += 1
    return sent
