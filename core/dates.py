"""Dates written the way each language writes them.

Templates and messages spell English date patterns out ("j M Y" gives "1 Dec 2026").
Django's named formats would change what English readers see today, so the patterns
stay and each other language says what it writes for them instead ("2026年12月1日").
Machine formats ("c", ISO 8601) are not in the table and never change.
"""

from django.utils import formats
from django.utils.translation import get_language

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
