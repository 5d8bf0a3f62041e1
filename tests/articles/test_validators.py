"""Editor input validators."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.validators import (
    validate_doi,
    validate_hero_image,
    validate_markdown,
    validate_plain_text,
    validate_pmid,
)


@pytest.mark.parametrize(
    "text", ["Plain words", "Dose < 5 mg", "I <3 my nurse", "a > b", "", "5 > 3 < 4"]
)
def test_plain_text_accepts_text_that_only_looks_like_html(text):
    validate_plain_text(text)


@pytest.mark.parametrize(
    "text", ["<b>bold</b>", "x <script>", "</p>", "<!-- note -->", "<img src=x>"]
)
def test_plain_text_refuses_tags(text):
    with pytest.raises(ValidationError) as caught:
        validate_plain_text(text)
    assert caught.value.code == "html"


def test_null_bytes_are_refused():
    with pytest.raises(ValidationError) as caught:
        validate_plain_text("a\x00b")
    assert caught.value.code == "null_characters"
    with pytest.raises(ValidationError):
        validate_markdown("a\x00b")


@pytest.mark.parametrize(
    "text",
    [
        "**bold** and [link](https://example.org)",
        "Show `<b>` as code",
        "```\n<script>alert(1)</script>\n```",
        "    <div>indented code</div>",
        "An autolink <https://example.org>",
        "Dose < 5 mg",
    ],
)
def test_markdown_accepts_code_and_autolinks(text):
    validate_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "<div>block</div>",
        "inline <span>html</span>",
        "<iframe src=x></iframe>",
        "<!-- c -->",
    ],
)
def test_markdown_refuses_raw_html(text):
    with pytest.raises(ValidationError) as caught:
        validate_markdown(text)
    assert caught.value.code == "html"


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 8


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.png", PNG), ("a.JPG", JPEG), ("a.jpeg", JPEG), ("a.webp", WEBP)],
)
def test_real_images_are_accepted(name, data):
    validate_hero_image(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("a.svg", b"<svg/>", "image_type"),
        ("a.png", b"<svg onload=alert(1)>", "image_content"),
        ("a.webp", b"RIFF\x00\x00\x00\x00AVI LIST", "image_content"),
        ("a.gif", b"GIF89a", "image_type"),
        ("big.png", PNG + b"\x00" * (2 * 1024 * 1024), "image_size"),
    ],
)
def test_other_files_are_refused(name, data, code):
    with pytest.raises(ValidationError) as caught:
        validate_hero_image(SimpleUploadedFile(name, data))
    assert caught.value.code == code


@pytest.mark.parametrize(
    "value", ["10.1111/bjd.16241", "10.1136/annrheumdis-2016-209909"]
)
def test_valid_dois(value):
    validate_doi(value)


@pytest.mark.parametrize(
    "value", ["doi:10.1/x", "https://doi.org/10.1111/x", "10.12/x y"]
)
def test_invalid_dois(value):
    with pytest.raises(ValidationError):
        validate_doi(value)


def test_pmid_is_digits():
    validate_pmid("19379072")
    with pytest.raises(ValidationError):
        validate_pmid("PMC123")
