"""Photos in posts: re-encoded copies (no EXIF, no GPS) and their thumbnails,
stored through Django's storage API under unguessable names and served only
through the forum's own view, to signed-in members."""

from django.conf import settings
from django.db import models

from core.models import PhotoRecord

from .posts import Post


class PostImage(PhotoRecord):
    """One photo of a post (at most FORUM_PHOTOS_PER_POST), with its alt text."""

    PHOTO_FOLDER = "forum-photos"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_images",
    )

    class Meta:
        ordering = ["post", "position", "id"]
        indexes = [
            models.Index(fields=["post", "position"], name="forum_image_post_idx")
        ]
