"""Anchored headings: every h2 and h3 of an article's text gets an id and a
visible “#” link to itself, so a reader can share or bookmark one section.

One implementation for every heading on an article page: the text's own
headings (`render_body`: the one Markdown pipeline, then `anchor_headings`, once
when the text is saved, with the links named in the article's own language) and
the headings the template writes itself, such as a drug page's sections
(`heading_anchor`).
"""

import re

from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.markup import html_to_text, render_markdown

# The pipeline (core.markup) writes headings without attributes; anything else
# (a heading that already has an id) is left alone.
_HEADING = re.compile(r"<(h[23])>(.*?)</\1>", re.S)
ID_PREFIX = "section-"
_ANCHOR_LINK = re.compile(r'<a class="heading-anchor"[^>]*>.*?</a>', re.S)


def heading_anchor(anchor: str, heading: str) -> SafeString:
    """The visible “#” link to a heading, named for screen readers."""
    return format_html(
        '<a class="heading-anchor" href="#{}"><span aria-hidden="true">#</span>'
        '<span class="visually-hidden">{}</span></a>',
        anchor,
        _("Link to the section “%(heading)s”") % {"heading": heading},
    )


def anchor_headings(html: str) -> SafeString:
    """Sanitized article HTML with an id and an anchor link on every h2 and h3.

    Ids are made from the heading's words ("section-keeping-warm"), numbered
    when two headings read the same, and prefixed so they never collide
    with the ids the page itself uses.
    """
    taken: set[str] = set()

    def anchored(match: re.Match) -> str:
        tag, inner = match.groups()
        text = html_to_text(inner)
        base = ID_PREFIX + (slugify(text, allow_unicode=True)[:60].strip("-") or "1")
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        return format_html(
            '<{} id="{}">{} {}</{}>',
            tag,
            anchor,
            mark_safe(inner),  # noqa: S308 (already sanitized by core.markup)
            heading_anchor(anchor, text),
            tag,
        )

    return mark_safe(_HEADING.sub(anchored, str(html or "")))  # noqa: S308


def render_body(markdown: str, language: str) -> SafeString:
    """An article's text as stored in `body_html`: rendered and sanitized by the one
    pipeline, then its headings anchored, the links named in `language`."""
    with translation.override(language):
        return anchor_headings(render_markdown(markdown))


def body_text(body_html: str) -> str:
    """The plain text of a stored article body, without its headings' "#" links
    (for the search index: "Link to the section" is not what the article says)."""
    return html_to_text(_ANCHOR_LINK.sub("", str(body_html or "")))
