"""Plain text derived from user or editor HTML, for every place that is not HTML body.

Descriptions, Open Graph and JSON-LD values, titles, feeds, email subjects and
`title=`/`aria-label=` attributes all take text, never markup. `excerpt()` is the
one way to get that text: it returns an ordinary `str` (never a SafeString), so
the template, the feed writer or the email library escapes it for its own context.
"""

import functools
import sys
import unicodedata

from .markup import html_to_text


# Control and format characters (newlines, bidi overrides, zero-width joiners)
# become spaces: they have no place in a one-line text value. One table, built
# once per process (about 0.1 s), so a page's excerpts cost one C-level translate
# instead of a category lookup per character.
@functools.cache
def _invisible() -> dict[int, str]:
    return {
        code: " "
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf")
    }


def _visible(text: str) -> str:
    return text.translate(_invisible())


def one_line(text: str) -> str:
    """`text` as a single line of ordinary characters (email subjects, headers)."""
    return " ".join(_visible(str(text or "")).split())


def excerpt(html_or_text: str, length: int = 160) -> str:
    """Plain text of `html_or_text`, at most `length` characters, cut at a word."""
    plain = html_to_text(str(html_or_text or ""))
    # Only the start is shown: clean a generous prefix, the whole text only when
    # collapsed whitespace left the prefix too short.
    prefix = plain[: length * 2 + 64]
    text = one_line(prefix)
    if len(text) <= length and len(prefix) < len(plain):
        text = one_line(plain)
    if len(text) <= length:
        return str(text)
    cut = text[: max(length - 1, 0)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return str(cut.rstrip(" ,.;:") + "…")
