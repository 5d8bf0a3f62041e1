"""The one Markdown → HTML → sanitized HTML pipeline for all user and editor text.

Markdown is parsed by markdown-it-py (CommonMark, raw HTML off, linkify on,
tables on), then the HTML is cleaned by nh3 (ammonia) against a short
allowlist. Call `render_markdown` when text is saved and store its result;
never render per request.

nh3 replaced bleach from the design card: bleach is no longer maintained and
gets no security releases; nh3 binds the maintained Rust sanitizer ammonia.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
        "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
EXTERNAL_LINK_REL = "nofollow ugc noopener"
# Tags whose content is dropped with them, not kept as text.
DROPPED_CONTENT_TAGS = frozenset(
    {"script", "style", "iframe", "object", "embed", "template"}
)


def _site_hosts() -> set[str]:
    from django.conf import settings

    return {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}


def _is_external(href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        return (parts.hostname or "").lower() not in _site_hosts()
    return parts.scheme == "mailto"


def _clamp_headings(state) -> None:
    """Headings in text live under the page's own h1: `#` becomes h2, h5/h6 become h4."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(max(int(token.tag[1]), 2), 4)
            token.tag = f"h{level}"


def _mark_external_links(state) -> None:
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "link_open" and _is_external(token.attrGet("href") or ""):
                token.attrSet("rel", EXTERNAL_LINK_REL)


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt(
        "commonmark", {"html": False, "linkify": True, "typographer": False}
    )
    parser.enable(["linkify", "table"])
    # Images are not allowed: `![alt](src)` stays readable text instead of vanishing.
    parser.disable("image")
    parser.core.ruler.push("clamp_headings", _clamp_headings)
    parser.core.ruler.push("mark_external_links", _mark_external_links)
    return parser


_parser = _build_parser()


def sanitize(html: str) -> str:
    """Clean HTML against the allowlist. Safe to call on anything, trusted or not."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={"a": {"rel": {EXTERNAL_LINK_REL}}},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def sanitized(html: str) -> SafeString:
    """HTML kept somewhere other than a RenderedHTMLField (a JSON snapshot), cleaned
    again before it is shown: what the page prints is always the sanitizer's output."""
    return mark_safe(sanitize(html or ""))  # noqa: S308 (the sanitizer's output)


def render_markdown(source: str) -> SafeString:
    """Markdown source → sanitized HTML, marked safe for templates."""
    source = (source or "").replace("\x00", "")
    return mark_safe(sanitize(_parser.render(source)).strip())  # noqa: S308 (sanitized)


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(html: str) -> str:
    """Plain text of sanitized HTML, for excerpts, emails and search."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html or ""))).strip()


def excerpt(html: str, length: int = 200) -> str:
    """A plain-text excerpt cut at a word boundary."""
    text = html_to_text(html)
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


_HREF = re.compile(r'<a [^>]*href="([^"]*)"')


def extract_links(html: str) -> list[str]:
    """Every href in sanitized HTML, in order, unescaped."""
    return [unescape(href) for href in _HREF.findall(html or "")]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows literally (for names put into Markdown)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def quote_markdown(source: str, author: str) -> str:
    """Markdown that quotes `source` as a blockquote attributed to `author`."""
    author = escape_markdown(author)
    lines = (source or "").strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"> **{author}** wrote:\n>\n{quoted}\n\n"
