"""Uploaded images are written again by Pillow: pixels kept, metadata and payloads gone."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from articles import services
from core.images import reencode_image
from tests.articles.factories import content
from tests.factories import make_user

PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"


def _jpeg_with_gps_and_trailer() -> bytes:
    image = Image.new("RGB", (8, 6), "orange")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue() + PAYLOAD


def _png_with_text_chunk() -> bytes:

    info = PngInfo()
    info.add_text("Comment", PAYLOAD.decode())
    buffer = BytesIO()
    Image.new("RGBA", (5, 5), (1, 2, 3, 128)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def test_a_jpeg_loses_its_exif_comment_and_trailing_payload():
    original = _jpeg_with_gps_and_trailer()
    clean = reencode_image(SimpleUploadedFile("photo.JPEG", original)).read()
    assert b"SpyCam" not in clean and b"secret comment" not in clean
    assert PAYLOAD not in clean
    with Image.open(BytesIO(clean)) as image:
        assert (image.format, image.size) == ("JPEG", (8, 6))
        assert not image.getexif()


def test_a_png_loses_its_text_chunks_but_keeps_transparency():
    clean = reencode_image(SimpleUploadedFile("a.png", _png_with_text_chunk()))
    data = clean.read()
    assert b"<script>" not in data
    assert clean.name == "a.png"
    with Image.open(BytesIO(data)) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0)) == (1, 2, 3, 128)


def test_something_that_only_starts_like_an_image_is_refused():
    fake = b"\x89PNG\r\n\x1a\n" + PAYLOAD
    with pytest.raises(ValidationError) as caught:
        reencode_image(SimpleUploadedFile("a.png", fake))
    assert caught.value.code == "image_broken"


def test_a_gif_is_refused_even_if_pillow_reads_it():
    buffer = BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="GIF")
    with pytest.raises(ValidationError) as caught:
        reencode_image(SimpleUploadedFile("a.png", buffer.getvalue()))
    assert caught.value.code == "image_type"


@pytest.mark.django_db
def test_hero_images_are_stored_re_encoded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = services.create_article(
        actor=make_user("editor"),
        content=content(hero_alt="An orange square"),
        hero_upload=SimpleUploadedFile("hero.jpg", _jpeg_with_gps_and_trailer()),
    )
    stored = (tmp_path / article.hero_image.name).read_bytes()
    assert PAYLOAD not in stored and b"SpyCam" not in stored
