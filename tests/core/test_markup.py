"""The one Markdown → safe HTML pipeline: exact outputs, an allowlist property, payloads."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    EXTERNAL_LINK_REL,
    excerpt,
    extract_links,
    html_to_text,
    quote_markdown,
    render_markdown,
    sanitize,
)

# Copied from ../shared/security (PayloadsAllTheThings, MIT licence): see its README.
SECURITY_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "security"
REL = f'rel="{EXTERNAL_LINK_REL}"'

EXACT = [
    ("", ""),
    ("Hello", "<p>Hello</p>"),
    ("**bold** and *soft*", "<p><strong>bold</strong> and <em>soft</em></p>"),
    ("# Title", "<h2>Title</h2>"),
    ("## Section", "<h2>Section</h2>"),
    ("### Sub", "<h3>Sub</h3>"),
    ("###### Deep", "<h4>Deep</h4>"),
    ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
    ("1. first", "<ol>\n<li>first</li>\n</ol>"),
    ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
    ("`x < y`", "<p><code>x &lt; y</code></p>"),
    ("```\n<b>\n```", "<pre><code>&lt;b&gt;\n</code></pre>"),
    ("line one  \nline two", "<p>line one<br>\nline two</p>"),
    ("---", "<hr>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ('<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror="alert(1)"&gt;</p>'),
    ("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>"),
    ("[data](data:text/html,hi)", "<p>[data](data:text/html,hi)</p>"),
    (
        "[site](https://example.org/a)",
        f'<p><a href="https://example.org/a" {REL}>site</a></p>',
    ),
    (
        '[t](https://example.org "Title")',
        f'<p><a href="https://example.org" title="Title" {REL}>t</a></p>',
    ),
    ("[home](/articles/morphea/)", '<p><a href="/articles/morphea/">home</a></p>'),
    (
        "[local](http://localhost/forum/)",
        '<p><a href="http://localhost/forum/">local</a></p>',
    ),
    (
        "see https://example.org/x",
        f'<p>see <a href="https://example.org/x" {REL}>https://example.org/x</a></p>',
    ),
    (
        "[mail](mailto:a@example.org)",
        f'<p><a href="mailto:a@example.org" {REL}>mail</a></p>',
    ),
    (
        "![alt text](https://example.org/i.png)",
        None,
    ),  # images are not allowed: see below
    (
        "| a | b |\n|---|--:|\n| 1 | 2 |",
        "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n"
        "<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
    ),
    ("null\x00byte", "<p>nullbyte</p>"),
]


@pytest.mark.parametrize(("source", "expected"), [e for e in EXACT if e[1] is not None])
def test_render_markdown_gives_exact_html(source, expected):
    assert render_markdown(source) == expected


def test_images_become_links_not_img_tags():
    html = render_markdown("![alt text](https://example.org/i.png)")
    assert "<img" not in html
    assert "alt text" in html


def test_sanitize_keeps_only_allowed_rel_value():
    assert sanitize('<a href="/x" rel="opener">x</a>') == '<a href="/x">x</a>'
    assert sanitize(f'<a href="/x" {REL}>x</a>') == f'<a href="/x" {REL}>x</a>'


def test_sanitize_drops_script_content_and_disallowed_tags():
    assert sanitize("<p>a<script>alert(1)</script>b</p>") == "<p>ab</p>"
    assert sanitize('<div class="x" style="color:red">text</div>') == "text"
    assert sanitize('<h1 id="x">big</h1>') == "big"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_only_allowed(html: str) -> None:
    """Every tag, attribute and URL scheme in `html` is on the allowlist."""
    collector = _Collector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs:
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | (
                {"rel"} if tag == "a" else set()
            )
            assert name in allowed, (tag, name, html)
            if name == "rel":
                assert value == EXTERNAL_LINK_REL
            if name == "href":
                scheme = urlsplit(value or "").scheme.lower()
                assert scheme in ALLOWED_SCHEMES or scheme == "", (value, html)


TOKENS = list("abc <>\"'=/:;()[]!*_`#-|\n\t&") + [
    "javascript:",
    "<script>",
    "<a href=",
    "onerror=",
    "data:",
    "](",
    "http://",
    "mailto:",
    "&#106;avascript:",
]
markdownish = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(markdownish)
def test_every_rendered_output_uses_only_allowed_markup(source):
    assert_only_allowed(render_markdown(source))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=300) | markdownish)
def test_sanitizing_any_html_leaves_only_allowed_markup(html):
    assert_only_allowed(sanitize(html))


def _payloads() -> list[str]:
    vectors = []
    for path in sorted(SECURITY_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        vectors.append(text)  # the whole file as one document
        vectors.extend(line for line in text.splitlines() if line.strip())
    return vectors


def test_payload_corpus_is_present():
    assert len(_payloads()) > 400


@pytest.mark.parametrize(
    "pipeline", [render_markdown, sanitize], ids=["markdown", "sanitize"]
)
def test_no_payload_leaves_an_executable_vector(pipeline):
    for vector in _payloads():
        html = pipeline(vector)
        assert_only_allowed(html)
        lowered = html.lower()
        assert "<script" not in lowered
        assert "javascript:" not in " ".join(extract_links(html)).lower()


def test_html_to_text_and_excerpt():
    html = render_markdown(
        "**Tacrolimus** is an ointment &amp; more.\n\nSecond paragraph here."
    )
    assert (
        html_to_text(html) == "Tacrolimus is an ointment & more. Second paragraph here."
    )
    assert excerpt(html, 30) == "Tacrolimus is an ointment &…"


def test_extract_links_returns_every_href():
    html = render_markdown("[a](/articles/x/) and https://example.org/y?a=1&b=2")
    assert extract_links(html) == ["/articles/x/", "https://example.org/y?a=1&b=2"]


def test_quote_markdown_attributes_and_escapes_the_author():
    html = render_markdown(quote_markdown("I *agree*", "Jo_[x]"))
    assert html == (
        "<blockquote>\n<p><strong>Jo_[x]</strong> wrote:</p>\n<p>I <em>agree</em></p>\n</blockquote>"
    )
