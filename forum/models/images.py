"""Photos in posts: re-encoded copies (no EXIF, no GPS) and their thumbnails,
stored through Django's storage API under unguessable names and served only
through the forum's own view, to signed-in members."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .posts import Post


def private_storage():
    """Where photos are kept: a storage with no public address (settings.STORAGES)."""
    return storages["private"]


def photo_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"forum-photos/{uuid.uuid4().hex}.{extension}"


class PostImage(models.Model):
    """One photo of a post (at most FORUM_PHOTOS_PER_POST), with its alt text."""

    ALT_MAX = 250

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_images",
    )
    image = models.FileField(
        upload_to=photo_path, storage=private_storage, max_length=200
    )
    thumbnail = models.FileField(
        upload_to=photo_path, storage=private_storage, max_length=200
    )
    alt_text = models.CharField(_("description (alt text)"), max_length=ALT_MAX)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["post", "position", "id"]
        indexes = [
            models.Index(fields=["post", "position"], name="forum_image_post_idx")
        ]

    def __str__(self) -> str:
        return self.alt_text
