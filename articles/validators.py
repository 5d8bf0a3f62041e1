"""Validators for editor input: plain text, Markdown without raw HTML, hero images.

Used by the model fields (so `full_clean` in the services enforces them for
every caller) and by the forms (so people see the message next to the field).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

# The site's one NUL-byte rule. Imported here too because the migrations name
# `articles.validators.validate_no_null_bytes`.
from core.text import validate_no_null_bytes

__all__ = [
    "validate_doi",
    "validate_hero_image",
    "validate_markdown",
    "validate_no_null_bytes",
    "validate_plain_text",
    "validate_pmid",
]

_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|<!--")

# A parser that *recognises* raw HTML, only to tell editors where it is: the
# rendering pipeline (core.markup) never lets it through either way.
_html_aware = MarkdownIt("commonmark", {"html": True})

HERO_IMAGE_MAX_BYTES = 2 * 1024 * 1024
# File signatures of the image formats we accept (never SVG: it can carry script).
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"RIFF", "webp"),  # followed by size, then b"WEBP" at offset 8
)
HERO_IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")


def validate_plain_text(value: str) -> None:
    """Titles, summaries, alt text and references are plain text: no HTML tags."""
    validate_no_null_bytes(value)
    match = _TAG.search(value or "")
    if match:
        raise ValidationError(
            _("HTML isn't allowed here (found “%(tag)s”). Please write plain text."),
            code="html",
            params={"tag": match.group(0)[:40]},
        )


def _raw_html_tokens(tokens):
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            yield token
        if token.children:
            yield from _raw_html_tokens(token.children)


def validate_markdown(value: str) -> None:
    """Markdown fields: raw HTML is refused with a message instead of shown as text."""
    validate_no_null_bytes(value)
    for token in _raw_html_tokens(_html_aware.parse(value or "")):
        raise ValidationError(
            _(
                "Raw HTML isn't allowed (found “%(tag)s”). Use Markdown instead, or put "
                "it between `backticks` to show it as code."
            ),
            code="html",
            params={"tag": token.content.strip()[:40]},
        )


def validate_hero_image(upload) -> None:
    """A JPEG, PNG or WebP file of at most 2 MB, checked by content, not only by name."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(tuple(f".{ext}" for ext in HERO_IMAGE_EXTENSIONS)):
        raise ValidationError(
            _("Please upload a JPEG, PNG or WebP image."), code="image_type"
        )
    # Stored files were checked when they were uploaded; only the name is left.
    if getattr(upload, "_committed", False) or not hasattr(upload, "seek"):
        return
    if upload.size > HERO_IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is too large: the limit is 2 MB."), code="image_size"
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in _IMAGE_SIGNATURES:
        if head.startswith(signature) and (kind != "webp" or head[8:12] == b"WEBP"):
            return
    raise ValidationError(
        _("This file is not a JPEG, PNG or WebP image."), code="image_content"
    )


_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^\d{1,9}$")


def validate_doi(value: str) -> None:
    if value and not _DOI.match(value):
        raise ValidationError(
            _("A DOI looks like 10.1000/xyz123 (without “https://doi.org/”)."),
            code="doi",
        )


def validate_pmid(value: str) -> None:
    if value and not _PMID.match(value):
        raise ValidationError(
            _("A PubMed ID is a number of up to 9 digits."), code="pmid"
        )
