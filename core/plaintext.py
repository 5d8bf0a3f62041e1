"""Plain text derived from user or editor HTML, for every place that is not HTML body.

Descriptions, Open Graph and JSON-LD values, titles, feeds, email subjects and
`title=`/`aria-label=` attributes all take text, never markup. `excerpt()` is the
one way to get that text: it returns an ordinary `str` (never a SafeString), so
the template, the feed writer or the email library escapes it for its own context.
"""

import unicodedata

from .markup import html_to_text


def _visible(text: str) -> str:
    # Control and format characters (newlines, bidi overrides, zero-width joiners)
    # become spaces: they have no place in a one-line text value.
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text
    )


def one_line(text: str) -> str:
    """`text` as a single line of ordinary characters (email subjects, headers)."""
    return " ".join(_visible(str(text or "")).split())


def excerpt(html_or_text: str, length: int = 160) -> str:
    """Plain text of `html_or_text`, at most `length` characters, cut at a word."""
    text = one_line(html_to_text(str(html_or_text or "")))
    if len(text) <= length:
        return str(text)
    cut = text[: max(length - 1, 0)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return str(cut.rstrip(" ,.;:") + "…")
