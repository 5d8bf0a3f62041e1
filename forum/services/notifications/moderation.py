"""What moderators' actions tell authors and reporters, and the report emails."""

import logging

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conf import site_settings
from members.languages import in_member_language
from members.models import User

from ...models import Notification, Post, Report
from .emails import absolute_url, send_email

logger = logging.getLogger(__name__)


def notify_moderation(
    recipient_id: int | None,
    *,
    action: str,
    post: Post | None = None,
    message: str = "",
) -> Notification | None:
    """Tell a member what a moderator decided about their post or account.

    Moderators stay anonymous here: the notice says "a moderator", never who.
    """
    if recipient_id is None:
        return None
    now = timezone.now()
    return Notification.objects.create(
        recipient_id=recipient_id,
        kind=Notification.Kind.MODERATION,
        thread_id=post.thread_id if post else None,
        post=post,
        action=action,
        message=message,
        created_at=now,
        updated_at=now,
    )


def notify_report_outcome(
    reports, *, action: str, skip_user_id: int | None = None
) -> list[Notification]:
    """Tell each reporter how their report ended (`action`: what the moderator did)."""
    now = timezone.now()
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=report.reporter_id,
                kind=Notification.Kind.REPORT_OUTCOME,
                thread_id=report.post.thread_id if report.post_id else None,
                post_id=report.post_id,
                report=report,
                action=action,
                created_at=now,
                updated_at=now,
            )
            for report in reports
            if report.reporter_id and report.reporter_id != skip_user_id
        ]
    )


def moderator_recipients():
    """Active accounts holding `forum.moderate_post` (through a group, directly, or superuser)."""

    perm = Q(groups__permissions__codename="moderate_post") | Q(
        user_permissions__codename="moderate_post"
    )
    return (
        User.objects.filter(perm | Q(is_superuser=True), is_active=True)
        .select_related("profile")
        .distinct()
    )


def send_report_emails(report_id: int) -> int:
    """Email every moderator about one new report (FORUM_EMAIL_MODERATORS_ON_REPORT)."""
    report = (
        Report.objects.select_related(
            "reporter__profile", "post__thread", "member__profile"
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    sent = 0
    for moderator in moderator_recipients():
        if moderator.pk == report.reporter_id:
            continue
        with in_member_language(moderator):
            subject, body = _report_email(report)
        send_email(moderator, subject, body, None)
        sent += 1
    return sent


def _report_email(report) -> tuple[str, str]:
    """(subject, text) about one report, in the active language."""
    if report.post_id:
        what = _("a post in “%(title)s”") % {"title": report.post.thread.title}
    else:
        name = report.member.profile.display_name if report.member else ""
        what = _("the profile of %(name)s") % {"name": name}
    subject = _("New report: %(what)s") % {"what": what}
    body = render_to_string(
        "forum/emails/new_report.txt",
        {
            "report": report,
            "what": what,
            "queue_url": absolute_url(reverse("forum:moderation-queue")),
            "site_name": site_settings.NAME,
        },
    )
    return subject, body
