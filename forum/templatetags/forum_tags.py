"""Template filters that ask `forum.permissions`; templates hold no rules of their own."""

import json

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .. import permissions, presentation
from ..services.moderation.actions import NOTICES, OUTCOMES

register = template.Library()


@register.filter
def can_edit_post(user, post) -> bool:
    return permissions.can_edit_post(user, post)


@register.filter
def can_delete_post(user, post) -> bool:
    return permissions.can_delete_post(user, post)


@register.filter
def can_like_post(user, post) -> bool:
    return permissions.can_like_post(user, post)


@register.filter
def can_mark_helpful(user, post) -> bool:
    return permissions.can_mark_helpful(user, post)


@register.filter
def can_read_post_text(user, post) -> bool:
    return permissions.can_read_post_text(user, post)


@register.filter
def can_see_thread_in_lists(user, thread) -> bool:
    return permissions.can_see_thread_in_lists(user, thread)


@register.filter
def can_view_post_versions(user, post) -> bool:
    return permissions.can_view_post_versions(user, post)


@register.filter
def author_name(user) -> str:
    """A member's display name; 'Former member' once the account is gone."""
    return presentation.author_name(user)


@register.filter
def topic_url(topic) -> str:
    """The topic page's address, or '' while the library has no topic pages yet."""
    try:
        return topic.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.simple_tag
def elided_pages(page) -> list:
    """Page numbers around the current one, with '…' for the gaps."""
    return list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )


@register.filter
def iso_datetime(value) -> str:
    """For <time datetime>: ISO 8601 to the second (HTML allows at most milliseconds)."""
    return value.isoformat(timespec="seconds") if value else ""


@register.filter
def can_report_post(user, post) -> bool:
    return permissions.can_report_post(user, post)


@register.filter
def can_moderate(user) -> bool:
    return permissions.can_moderate(user)


@register.filter
def is_suspended(user) -> bool:
    return permissions.is_suspended(user)


def _report_subject(report, thread) -> str:
    if report is not None and report.post_id is None:
        name = author_name(report.member)
        return _("Your report about the profile of %(name)s") % {"name": name}
    title = thread.title if thread is not None else ""
    return _("Your report about a post in “%(title)s”") % {"title": title}


@register.filter
def moderation_notice(notification) -> str:
    """The sentence of a moderation or report-outcome notification."""
    title = notification.thread.title if notification.thread_id else ""
    if notification.kind == "report_outcome":
        outcome = OUTCOMES.get(notification.action, _("a moderator reviewed it."))
        return f"{_report_subject(notification.report, notification.thread)}: {outcome}"
    # Moderators stay anonymous: the notice says "a moderator".
    text = NOTICES.get(
        notification.action, _("A moderator made a decision about your post.")
    )
    return text % {"title": title} if "%(title)s" in str(text) else str(text)


@register.filter
def report_outcome(report) -> str:
    """What became of one of the member's reports (their reports page)."""
    if report.is_open:
        return _("Waiting for a moderator")
    return str(OUTCOMES.get(report.outcome, _("a moderator reviewed it."))).capitalize()


_AUDIT_TARGET_URLS = {
    ("forum", "post"): "forum:moderation-post",
    ("forum", "thread"): "forum:thread",
    ("members", "user"): "forum:moderation-member",
}


@register.filter
def audit_target_url(entry) -> str:
    """Where a log entry's target can be looked at, if the forum has a page for it."""
    if entry.target_type_id is None or not str(entry.target_id).isdigit():
        return ""
    key = (entry.target_type.app_label, entry.target_type.model)
    name = _AUDIT_TARGET_URLS.get(key)
    return reverse(name, args=[int(entry.target_id)]) if name else ""


def _plain(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@register.filter
def audit_changes(entry) -> list[tuple[str, str | None, str | None]]:
    """(field, before, after) for each field a log entry recorded."""
    before, after = entry.before or {}, entry.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [("", _plain(before), _plain(after))]
    keys = list(dict.fromkeys([*before, *after]))
    return [(key, _plain(before.get(key)), _plain(after.get(key))) for key in keys]
