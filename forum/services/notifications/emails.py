"""Building a notification's email: its text, subject, links and who may get it."""

import logging
from urllib.parse import urljoin

from allauth.account.models import EmailAddress
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.conf import site_settings
from core.markup import html_to_text
from core.plaintext import excerpt
from members.languages import in_member_language
from members.models import Profile, User

from ...models import Notification, Thread
from ...tokens import unsubscribe_token

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return urljoin(site_settings.URL, path)


def unsubscribe_url(user_id: int, thread_id: int) -> str:
    return absolute_url(
        reverse(
            "notifications:unsubscribe", args=[unsubscribe_token(user_id, thread_id)]
        )
    )


def _disclaimer_texts(thread: Thread) -> list[dict]:
    return [
        {
            "name": version.disclaimer.name,
            "label": version.label,
            "text": html_to_text(version.body_html),
        }
        for version in thread.disclaimer_versions.all()
    ]


def thread_context(thread: Thread, user_id: int) -> dict:
    """What an email says about `thread`. A members-only thread's emails carry
    neither its title nor any reply's text, and its link names no title (an
    email is forwarded, read over a shoulder, kept by the mail provider): the
    member reads it after signing in on the site."""
    return {
        "thread": thread,
        "members_only": thread.members_only,
        "thread_url": absolute_url(thread.get_absolute_url()),
        "disclaimers": _disclaimer_texts(thread),
        "unsubscribe_url": unsubscribe_url(user_id, thread.pk),
    }


def send_email(
    recipient: User,
    subject: str,
    body: str,
    unsubscribe: str | None,
    *,
    message_id: str | None = None,
) -> None:
    headers = {}
    if unsubscribe:
        # RFC 8058 one-click: mail clients POST to the link itself.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    if message_id:
        headers["Message-ID"] = message_id
    EmailMessage(
        subject=subject, body=body, to=[recipient.email], headers=headers
    ).send()


def build_post_email(notification: Notification) -> tuple[str, str, str]:
    """(subject, text, unsubscribe URL) for one reply notification."""
    with in_member_language(notification.recipient):
        thread, post = notification.thread, notification.post
        actor = notification.actor.profile.display_name if notification.actor else ""
        if thread.members_only:
            subject = _("A new reply in a members-only thread")
        elif notification.kind == Notification.Kind.REPLY:
            subject = _("%(name)s replied to you in “%(title)s”")
        elif notification.kind == Notification.Kind.MENTION:
            subject = _("%(name)s mentioned you in “%(title)s”")
        else:
            subject = _("New reply in “%(title)s”")
        subject = subject % {"name": actor, "title": thread.title}
        context = {
            **thread_context(thread, notification.recipient_id),
            "notification": notification,
            "actor": actor,
            "post_url": absolute_url(post.get_absolute_url()),
            "post_text": "" if thread.members_only else excerpt(post.body_html, 1200),
            "settings_url": absolute_url(reverse("accounts:profile-edit")),
            "site_name": site_settings.NAME,
        }
        text = render_to_string("forum/emails/post_notification.txt", context)
        return subject, text, context["unsubscribe_url"]


def email_wanted(notification: Notification, muted: set[tuple[int, int]]) -> bool:
    profile = notification.recipient.profile
    return (
        notification.recipient.is_active
        and profile.email_frequency != Profile.EmailFrequency.NEVER
        and (notification.recipient_id, notification.thread_id) not in muted
        and _may_email_thread(notification.recipient, notification.thread)
    )


def _may_email_thread(recipient: User, thread: Thread) -> bool:
    """A members-only thread's text goes only to an address its member confirmed."""
    return (
        not thread.members_only
        or EmailAddress.objects.filter(
            user_id=recipient.pk, email__iexact=recipient.email, verified=True
        ).exists()
    )
