"""Dates written the way each language writes them.

Templates and messages spell English date patterns out ("j M Y" gives "1 Dec 2026").
Django's named formats would change what English readers see today, so the patterns
stay and each other language says what it writes for them instead ("2026年12月1日").
Machine formats ("c", ISO 8601) are not in the table and never change.
"""

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import formats
from django.utils.translation import get_language, gettext

LOCAL_PATTERNS: dict[str, dict[str, str]] = {
    "zh-hant": {
        "j M Y": "Y年n月j日",
        "j F Y": "Y年n月j日",
        "j M Y, H:i": "Y年n月j日 H:i",
        "j M Y H:i": "Y年n月j日 H:i",
        "j F Y, H:i": "Y年n月j日 H:i",
        "F Y": "Y年n月",
    },
}


def localized_pattern(pattern: str | None) -> str | None:
    """The active language's pattern for an English display pattern."""
    if not pattern:
        return pattern
    return LOCAL_PATTERNS.get(get_language() or "", {}).get(pattern, pattern)


def date_format(value, pattern: str) -> str:
    """django.utils.formats.date_format with the pattern in the active language."""
    return formats.date_format(value, localized_pattern(pattern))


# How each language joins the units of a relative time ("1 day, 23 hours ago").
# Django joins them with gettext(", "), which its Chinese catalogue leaves as ", ".
UNIT_SEPARATORS: dict[str, str] = {"zh-hant": "，"}


def relative_time(value) -> str:
    """How long ago (or from now) `value` is, as the active language says it:
    "1 day, 23 hours ago", "1 日，23 小時前". The one way the site writes it."""
    text = str(naturaltime(value))
    separator = UNIT_SEPARATORS.get(get_language() or "")
    return text.replace(gettext(", "), separator) if separator else text
