"""Posts, their earlier versions and their likes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.fields import RenderedHTMLField

from .threads import Thread


class Post(models.Model):
    """One message in a thread: the opening post, a reply, or a reply to a reply.

    `parent` groups replies one level deep: it is always a top-level post, so a
    reply to a nested reply joins the same group. `reply_to` keeps the post
    actually answered (for "in reply to" and notifications).
    """

    BODY_MAX = 20_000
    SHORT_ANSWER_MAX = 600

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Waiting for a moderator")
        HIDDEN = "hidden", _("Hidden by a moderator")
        DELETED = "deleted", _("Deleted")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_posts",
    )
    is_opening = models.BooleanField(default=False, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_replies",
    )
    quotes = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="quoted_by"
    )
    body = models.TextField(_("text"), help_text=_("Markdown."))
    body_html = RenderedHTMLField()
    short_answer = models.TextField(
        _("short answer"),
        blank=True,
        default="",
        help_text=_(
            "A professional's answer in a few plain sentences, shown before the "
            "full text (plain text, no Markdown)."
        ),
    )
    status = models.CharField(
        max_length=10, choices=Status, default=Status.PUBLISHED, db_index=True
    )
    hidden_reason = models.TextField(blank=True)
    auto_hidden = models.BooleanField(
        default=False,
        help_text=_("Hidden automatically by reports, until a moderator reviews it."),
    )
    held_for = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Why a pending post waits for a moderator (moderators see this)."),
    )
    is_professional_answer = models.BooleanField(
        default=False,
        help_text=_("Written by a verified health professional (kept as it was then)."),
    )
    like_count = models.PositiveIntegerField(default=0)
    edit_count = models.PositiveIntegerField(default=0)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["thread", "is_opening", "parent", "created_at", "id"],
                name="forum_post_thread_idx",
            ),
            models.Index(
                F("thread"),
                F("is_opening"),
                F("parent"),
                F("is_professional_answer").desc(),
                F("created_at"),
                F("id"),
                name="forum_post_answers_idx",
            ),
            models.Index(
                F("author"), F("created_at").desc(), name="forum_post_author_idx"
            ),
            models.Index(
                fields=["parent", "created_at", "id"], name="forum_post_children_idx"
            ),
            models.Index(fields=["status", "deleted_at"], name="forum_post_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_opening=False) | Q(parent__isnull=True),
                name="forum_post_opening_is_top_level",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="forum_post_not_own_parent"
            ),
        ]
        permissions = [
            (
                "moderate_post",
                "Can moderate posts: see pending, hidden and deleted posts",
            ),
            (
                "post_without_approval",
                "Can post without a moderator's approval (skips the new-member sandbox)",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return fast_reverse("forum:post-permalink", self.pk)

    @property
    def is_visible(self) -> bool:
        """Published: everyone may read it (and like it)."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_deleted(self) -> bool:
        return self.status == self.Status.DELETED

    @property
    def is_edited(self) -> bool:
        return self.edit_count > 0


class PostVersion(models.Model):
    """The text of a post as it was before one edit. Moderators can read these."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=Thread.TITLE_MAX, blank=True)
    body = models.TextField()
    body_html = RenderedHTMLField()
    short_answer = models.TextField(blank=True, default="")
    written_at = models.DateTimeField(help_text=_("When this text was posted."))
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text=_("When this text was replaced.")
    )

    class Meta:
        ordering = ["post", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "number"], name="forum_postversion_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"post {self.post_id} version {self.number}"


class PostLike(models.Model):
    """One member likes one post, once."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_likes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="forum_like_once"),
        ]
        indexes = [
            models.Index(F("user"), F("created_at").desc(), name="forum_like_user_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} likes {self.post_id}"
