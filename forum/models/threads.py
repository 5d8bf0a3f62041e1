"""Threads, and who follows or mutes them."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.languages import Language

from .boards import Board


def thread_slug(title: str) -> str:
    """The cosmetic part of a thread URL, from its title (unicode kept)."""
    return slugify(title, allow_unicode=True)[:80].strip("-") or "thread"


class Thread(models.Model):
    """A conversation (or, on a Q&A board, a question) and its counters."""

    TITLE_MIN = 5
    TITLE_MAX = 150

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="threads")
    # The board's language when the thread was started (moving it keeps it).
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Language.CHOICES,
        default=Language.ENGLISH,
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.CharField(max_length=80, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_threads",
    )
    first_post = models.OneToOneField(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="threads", verbose_name=_("topics")
    )
    disclaimer_versions = models.ManyToManyField(
        "core.DisclaimerVersion",
        blank=True,
        related_name="forum_threads",
        help_text=_(
            "The versions in force when the thread was started. Never changed."
        ),
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Hidden from visitors, search engines, feeds and sitemaps."),
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    helpful_post = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("On a Q&A board, the answer the asker marked as helpful."),
    )
    reply_count = models.PositiveIntegerField(default=0)
    like_count = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-id"]
        indexes = [
            models.Index(
                F("board"),
                F("is_pinned").desc(),
                F("last_post_at").desc(),
                F("id").desc(),
                name="forum_thread_board_list_idx",
            ),
            models.Index(
                F("last_post_at").desc(), F("id").desc(), name="forum_thread_active_idx"
            ),
            models.Index(
                F("author"), F("created_at").desc(), name="forum_thread_author_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """A public thread's address names its title; a members-only thread's does
        not (a shared or leaked link would show its subject to anyone)."""
        if self.members_only:
            return fast_reverse("forum:thread", self.pk)
        return fast_reverse("forum:thread-detail", self.pk, self.url_slug)

    @property
    def url_slug(self) -> str | None:
        """The slug in the thread's address; None for a members-only thread."""
        return None if self.members_only else (self.slug or "thread")


class ThreadFollow(models.Model):
    """A member follows a thread: in-app notifications and emails for new replies."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_follows",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "user"], name="forum_follow_once"
            ),
        ]
        indexes = [
            models.Index(
                F("user"), F("created_at").desc(), name="forum_follow_user_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class ThreadMute(models.Model):
    """A member used an email's unsubscribe link: no more email about this thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_mutes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="forum_mute_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} muted {self.thread_id}"
