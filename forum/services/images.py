"""Photos in posts: checked and re-encoded before anything is written (core.photos,
core.images: EXIF and GPS removed, orientation applied, scaled down, a thumbnail),
stored through Django's storage API, removed with the post's text.

`prepare_photos` runs before a post is created, so a refused photo leaves nothing
behind; `attach_photos` stores them last, once everything else has succeeded.
"""

from django.utils.translation import gettext as _

from core.photos import PhotoLimits, PreparedPhoto, delete_photos, store_photo
from core.photos import prepare_photos as prepare_checked
from members.models import User

from ..conf import app_settings
from ..models import Post, PostImage
from ..permissions import can_post_without_approval, is_new_member

__all__ = ["PreparedPhoto", "attach_photos", "prepare_photos", "remove_photos"]


def photo_limits() -> PhotoLimits:
    return PhotoLimits(
        count=app_settings.PHOTOS_PER_POST,
        alt_max=PostImage.ALT_MAX,
        too_many=_("You can add at most %(count)d photos to a post."),
    )


def prepare_photos(uploads) -> list[PreparedPhoto]:
    """(file, alt text) pairs checked and re-encoded; ValidationError on the first
    refused one (too many, too large, not a JPEG/PNG/WebP, unreadable, no alt text)."""
    return prepare_checked(uploads, photo_limits())


def photo_hold_reasons(actor: User, photos: list) -> list[str]:
    """A new member's photos wait for a moderator, like their links."""
    if photos and not can_post_without_approval(actor) and is_new_member(actor):
        return [_("photos from a new member")]
    return []


def attach_photos(post: Post, photos: list[PreparedPhoto], *, actor: User) -> None:
    """Store `photos` with `post` (inside the caller's transaction)."""
    for position, photo in enumerate(photos):
        store_photo(PostImage(post=post, uploader=actor, position=position), photo)


def remove_photos(posts) -> int:
    """Delete the photos of `posts`; their files go once the transaction commits."""
    return delete_photos(PostImage.objects.filter(post__in=posts))
