"""Excerpts with matches marked. The database returns plain text with sentinel
characters around matches; everything is escaped before the sentinels become <mark>."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START = "\x02"
STOP = "\x03"


def marked_excerpt(text: str) -> SafeString:
    """Escape `text`, then turn START/STOP sentinels into <mark>…</mark>."""
    escaped = escape((text or "").strip())
    if escaped.count(START) != escaped.count(STOP):
        escaped = escaped.replace(START, "").replace(STOP, "")
    html = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; only our own <mark> tags added)
