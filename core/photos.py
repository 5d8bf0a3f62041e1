"""Photos members attach to what they write (forum posts, private messages): the
generic part every app shares. Each upload is checked (size, count, alt text) and
re-encoded by `core.images` (EXIF and GPS gone, orientation applied, scaled down,
plus a thumbnail) before anything is written; files are stored through Django's
storage API and deleted only once the transaction that dropped their rows commits.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from .conf import site_settings
from .images import reencode_image
from .models import KeptPhoto

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@dataclass
class PreparedPhoto:
    image: ContentFile
    thumbnail: ContentFile
    alt_text: str
    width: int
    height: int


@dataclass(frozen=True)
class PhotoLimits:
    count: int
    alt_max: int
    too_many: str  # "You can add at most %(count)d photos to a …"


def _size(content: ContentFile) -> tuple[int, int]:
    content.seek(0)
    with Image.open(content) as image:
        size = image.size
    content.seek(0)
    return size


def prepare_photos(uploads, limits: PhotoLimits) -> list[PreparedPhoto]:
    """(file, alt text) pairs checked and re-encoded; ValidationError on the first
    refused one (too many, too large, not a JPEG/PNG/WebP, unreadable, no alt text)."""
    uploads = [(upload, (alt or "").strip()) for upload, alt in uploads if upload]
    if len(uploads) > limits.count:
        raise ValidationError(
            limits.too_many % {"count": limits.count}, code="too_many_photos"
        )
    prepared = []
    for upload, alt in uploads:
        if upload.size > site_settings.PHOTO_MAX_BYTES:
            raise ValidationError(
                _("Each photo may be at most %(mb)d MB.")
                % {"mb": site_settings.PHOTO_MAX_BYTES // (1024 * 1024)},
                code="photo_too_large",
            )
        if not alt:
            raise ValidationError(
                _(
                    "Please describe each photo in a few words (for people who can't see it)."
                ),
                code="alt_text_required",
            )
        if len(alt) > limits.alt_max:
            raise ValidationError(
                _("A photo's description may be at most %(n)d characters.")
                % {"n": limits.alt_max},
                code="alt_text_too_long",
            )
        image = reencode_image(upload, max_side=site_settings.PHOTO_MAX_SIDE)
        thumbnail = reencode_image(image, max_side=site_settings.PHOTO_THUMB_SIDE)
        width, height = _size(image)
        image.seek(0)
        prepared.append(PreparedPhoto(image, thumbnail, alt, width, height))
    return prepared


def store_photo(record, photo: PreparedPhoto) -> None:
    """Save `photo`'s files and `record` (a model with image, thumbnail, alt_text,
    width, height)."""
    record.alt_text = photo.alt_text
    record.width, record.height = photo.width, photo.height
    record.image.save(photo.image.name, photo.image, save=False)
    record.thumbnail.save(photo.thumbnail.name, photo.thumbnail, save=False)
    record.save()


def delete_photos(queryset) -> int:
    """Delete the photo rows in `queryset`; their files go once the transaction
    commits (a rollback keeps them)."""
    records = list(queryset)
    if not records:
        return 0
    files = [(r.image.storage, r.image.name) for r in records] + [
        (r.thumbnail.storage, r.thumbnail.name) for r in records
    ]
    queryset.model.objects.filter(pk__in=[r.pk for r in records]).delete()

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(records)


def photo_response(field) -> FileResponse:
    """A stored photo file as a response a browser will not sniff, run or share
    (404 when the file is gone or not one of our formats)."""
    extension = field.name.rsplit(".", 1)[-1].lower()
    if extension not in CONTENT_TYPES:
        raise Http404
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=CONTENT_TYPES[extension])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# How long a photo chosen on a refused form waits for the member's next submit.
KEEP_PHOTOS_FOR = datetime.timedelta(days=1)


def keep_photo(owner, upload):
    """`upload` kept for `owner`'s next submit (re-encoded first: nothing with a
    location leaves this function); None when it is too large or not a photo (the
    form's own message says so)."""
    if upload.size > site_settings.PHOTO_MAX_BYTES:
        return None
    try:
        image = reencode_image(upload, max_side=site_settings.PHOTO_MAX_SIDE)
    except ValidationError:
        return None
    kept = KeptPhoto(owner=owner, name=(upload.name or "photo")[-200:])
    kept.image.save(image.name, image, save=False)
    kept.save()
    return kept


def kept_photo(owner, token: str):
    """`owner`'s kept photo `token`, None when unknown, someone else's or expired."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    since = timezone.now() - KEEP_PHOTOS_FOR
    return KeptPhoto.objects.filter(
        token=token, owner=owner, created_at__gte=since
    ).first()


def kept_file(kept) -> File:
    """A kept photo as an upload the services take (size, name, readable)."""
    return File(kept.image.storage.open(kept.image.name, "rb"), name=kept.name)


def forget_kept_photos(queryset) -> int:
    """Delete kept photos (used, or expired); their files go once the transaction
    commits."""
    records = list(queryset)
    files = [(r.image.storage, r.image.name) for r in records]
    queryset.model.objects.filter(pk__in=[r.pk for r in records]).delete()

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(records)


def forget_expired_kept_photos() -> int:
    since = timezone.now() - KEEP_PHOTOS_FOR
    return forget_kept_photos(KeptPhoto.objects.filter(created_at__lt=since))
