"""Template filters that ask `forum.permissions`; templates hold no rules of their own."""

from django import template
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from .. import permissions

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
def can_view_post_versions(user, post) -> bool:
    return permissions.can_view_post_versions(user, post)


@register.filter
def author_name(user) -> str:
    """A member's display name; 'Former member' once the account is gone."""
    if user is None:
        return _("Former member")
    return user.profile.display_name


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
