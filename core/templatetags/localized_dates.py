"""The `date` filter, with English display patterns written as the reader's language
writes dates (core.dates). A template builtin (settings.TEMPLATES), so every template's
`{{ value|date:"j M Y" }}` reads "1 Dec 2026" in English and "2026年12月1日" in Chinese;
and `relative_time`, the one way templates say how long ago something was."""

from django import template
from django.template import defaultfilters

from core.dates import localized_pattern, relative_time

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    return defaultfilters.date(value, localized_pattern(arg))


@register.filter(name="relative_time", is_safe=False)
def relative_time_filter(value):
    """{{ value|relative_time }}: "3 hours ago" / "3 小時前" (core.dates.relative_time)."""
    return relative_time(value)
