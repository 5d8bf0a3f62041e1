"""The `date` filter, with English display patterns written as the reader's language
writes dates (core.dates). A template builtin (settings.TEMPLATES), so every template's
`{{ value|date:"j M Y" }}` reads "1 Dec 2026" in English and "2026年12月1日" in Chinese."""

from django import template
from django.template import defaultfilters

from core.dates import localized_pattern

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    return defaultfilters.date(value, localized_pattern(arg))
