"""Photos in posts: checked and re-encoded before anything is written (core.images:
EXIF and GPS removed, orientation applied, scaled down, a thumbnail), stored
through Django's storage API, removed with the post's text.

`prepare_photos` runs before a post is created, so a refused photo leaves nothing
behind; `attach_photos` stores them last, once everything else has succeeded.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from core.images import reencode_image
from members.models import User

from ..conf import app_settings
from ..models import Post, PostImage
from ..permissions import can_post_without_approval, is_new_member


@dataclass
class PreparedPhoto:
    image: ContentFile
    thumbnail: ContentFile
    alt_text: str
    width: int
    height: int


def _size(content: ContentFile) -> tuple[int, int]:
    content.seek(0)
    with Image.open(content) as image:
        size = image.size
    content.seek(0)
    return size


def prepare_photos(uploads) -> list[PreparedPhoto]:
    """(file, alt text) pairs checked and re-encoded; ValidationError on the first
    refused one (too many, too large, not a JPEG/PNG/WebP, unreadable, no alt text)."""
    uploads = [(upload, (alt or "").strip()) for upload, alt in uploads if upload]
    if len(uploads) > app_settings.PHOTOS_PER_POST:
        raise ValidationError(
            _("You can add at most %(count)d photos to a post.")
            % {"count": app_settings.PHOTOS_PER_POST},
            code="too_many_photos",
        )
    prepared = []
    for upload, alt in uploads:
        if upload.size > app_settings.PHOTO_MAX_BYTES:
            raise ValidationError(
                _("Each photo may be at most %(mb)d MB.")
                % {"mb": app_settings.PHOTO_MAX_BYTES // (1024 * 1024)},
                code="photo_too_large",
            )
        if not alt:
            raise ValidationError(
                _(
                    "Please describe each photo in a few words (for people who can't see it)."
                ),
                code="alt_text_required",
            )
        if len(alt) > PostImage.ALT_MAX:
            raise ValidationError(
                _("A photo's description may be at most %(n)d characters.")
                % {"n": PostImage.ALT_MAX},
                code="alt_text_too_long",
            )
        image = reencode_image(upload, max_side=app_settings.PHOTO_MAX_SIDE)
        thumbnail = reencode_image(image, max_side=app_settings.PHOTO_THUMB_SIDE)
        width, height = _size(image)
        image.seek(0)
        prepared.append(PreparedPhoto(image, thumbnail, alt, width, height))
    return prepared


def photo_hold_reasons(actor: User, photos: list) -> list[str]:
    """A new member's photos wait for a moderator, like their links."""
    if photos and not can_post_without_approval(actor) and is_new_member(actor):
        return [_("photos from a new member")]
    return []


def attach_photos(post: Post, photos: list[PreparedPhoto], *, actor: User) -> None:
    """Store `photos` with `post` (inside the caller's transaction)."""
    for position, photo in enumerate(photos):
        record = PostImage(
            post=post,
            uploader=actor,
            alt_text=photo.alt_text,
            width=photo.width,
            height=photo.height,
            position=position,
        )
        record.image.save(photo.image.name, photo.image, save=False)
        record.thumbnail.save(photo.thumbnail.name, photo.thumbnail, save=False)
        record.save()


def remove_photos(posts) -> int:
    """Delete the photos of `posts`; their files go once the transaction commits."""
    images = list(PostImage.objects.filter(post__in=posts))
    if not images:
        return 0
    files = [(r.image.storage, r.image.name) for r in images] + [
        (r.thumbnail.storage, r.thumbnail.name) for r in images
    ]
    PostImage.objects.filter(pk__in=[record.pk for record in images]).delete()

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(images)
