"""Uploaded images, decoded and written again by Pillow before they are stored.

Re-encoding keeps the pixels and nothing else: EXIF (GPS position, camera
serial), comments, text chunks and anything appended to or hidden inside the
file (HTML/JS polyglots) are gone. Orientation from EXIF is applied first so the
picture still stands the right way up.
"""

from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format: (file extension, modes written as they are, mode otherwise)
FORMATS = {
    "JPEG": ("jpg", {"RGB", "L"}, "RGB"),
    "PNG": ("png", {"RGB", "RGBA", "L", "LA"}, "RGBA"),
    "WEBP": ("webp", {"RGB", "RGBA"}, "RGBA"),
}
MAX_PIXELS = 40_000_000  # a 8000 × 5000 photo; larger is refused, not decoded


def reencode_image(
    upload, *, formats=tuple(FORMATS), max_side: int | None = None
) -> ContentFile:
    """A fresh file with `upload`'s pixels in its own format (one of `formats`),
    scaled down to fit `max_side` × `max_side` when given (never up)."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format not in formats:
                raise ValidationError(
                    _("This file is not a JPEG, PNG or WebP image."), code="image_type"
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels; please make it smaller."),
                    code="image_pixels",
                )
            image_format = image.format
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This image could not be read; please save it again and upload it."),
            code="image_broken",
        ) from error
    extension, kept_modes, fallback_mode = FORMATS[image_format]
    if picture.mode not in kept_modes:
        picture = picture.convert(fallback_mode)
    if max_side and max(picture.size) > max_side:
        picture = picture.copy()
        picture.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    # Pillow writes some of `info` back (a JPEG's comment, ICC profiles): drop it all.
    picture.info = {}
    buffer = BytesIO()
    options = {"quality": 88} if image_format in ("JPEG", "WEBP") else {}
    picture.save(buffer, format=image_format, optimize=True, **options)
    stem = PurePath(getattr(upload, "name", "") or "image").stem or "image"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{extension}")
