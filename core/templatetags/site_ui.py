"""Small pieces of the site's look every app uses: the site's name, generated
avatars, and the short label of a set of disclaimer versions.

Avatars are inline SVG (initials on a colour chosen from the name): no upload,
no third-party service, and nothing the content security policy refuses (no
style attribute: colours are presentation attributes).
"""

import itertools
import re
import unicodedata
import zlib

from django import template
from django.utils.html import format_html

from core.conf import site_settings

register = template.Library()

# Dark enough for white initials at AA contrast (each ≥ 4.5:1 against #fff).
AVATAR_COLOURS = (
    "#1f5f8b",  # blue
    "#2d6a4f",  # green
    "#7a3e9d",  # purple
    "#9c3d1b",  # rust
    "#0f6e6e",  # teal
    "#8a2f4f",  # plum
    "#5b5b16",  # olive
    "#3d4a8f",  # indigo
)


@register.simple_tag
def site_name() -> str:
    """The name people see (settings.SITE_NAME)."""
    return site_settings.NAME


# Brackets that open a note after a name: “美華（示範）”.
BRACKETS = re.compile(r"[(（\[［【〔「『]")


def _is_cjk(char: str) -> bool:
    """Han, kana or Hangul: scripts written without spaces or capital initials."""
    return unicodedata.name(char, "").startswith(
        ("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA", "HANGUL")
    )


def initials(name: str) -> str:
    """Up to two letters: the first of the first two words (“Sam (demo)” → “SD”).
    A name in Chinese (or Japanese, Korean) has no words to take initials of: its
    first characters before any bracket stand for it, both of a two-character name
    (“美華（示範）” → “美華”), the first (the family name) of a longer one."""
    stripped = name.strip()
    if stripped and _is_cjk(stripped[0]):
        head = BRACKETS.split(stripped, maxsplit=1)[0]
        run = "".join(itertools.takewhile(_is_cjk, head.replace(" ", "")))
        return run if len(run) <= 2 else run[0]
    spaced = "".join(c if c.isalnum() else " " for c in name)
    words = [w for w in spaced.split() if not _is_cjk(w[0])] or spaced.split()
    if not words:
        return "?"
    letters = words[0][0] + (words[1][0] if len(words) > 1 else "")
    return letters.upper()


def avatar_colour(name: str) -> str:
    return AVATAR_COLOURS[zlib.crc32(name.casefold().encode()) % len(AVATAR_COLOURS)]


@register.simple_tag
def avatar(name, size: int = 40):
    """An inline SVG avatar for `name`, hidden from screen readers (the name is
    written next to it)."""
    name = str(name or "")
    size = int(size)
    font = round(size * 0.4)
    return format_html(
        '<svg class="avatar" width="{}" height="{}" viewBox="0 0 {} {}" '
        'aria-hidden="true" focusable="false">'
        '<circle cx="{}" cy="{}" r="{}" fill="{}"/>'
        '<text x="50%" y="50%" dy="0.35em" text-anchor="middle" fill="#ffffff" '
        'font-size="{}" font-weight="700" font-family="system-ui, sans-serif">{}</text>'
        "</svg>",
        size,
        size,
        size,
        size,
        size / 2,
        size / 2,
        size / 2,
        avatar_colour(name),
        font,
        initials(name),
    )


@register.filter
def version_labels(versions) -> str:
    """“v1.0” for versions that share a label, “v1.0, v2.1” otherwise."""
    labels: list[str] = []
    for version in versions or ():
        if version and version.label not in labels:
            labels.append(version.label)
    return ", ".join(labels)
