"""What a member is told about: replies, mentions of their threads, moderation."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .posts import Post
from .threads import Thread


class Notification(models.Model):
    """Something for one member to see in /accounts/notifications/ (and maybe by email).

    Likes are grouped: while a like notification for a post is unread, new likes
    update it (`actor` is the latest, `actor_count` how many) instead of adding rows.
    """

    class Kind(models.TextChoices):
        FOLLOWED_REPLY = "followed_reply", _("New reply in a thread you follow")
        REPLY = "reply", _("Reply to your post")
        QUOTE = "quote", _("Quote of your post")
        MENTION = "mention", _("Mention of you in a post")
        LIKES = "likes", _("Likes on your post")
        REPORT_OUTCOME = "report_outcome", _("What happened to your report")
        MODERATION = "moderation", _("A moderator's decision about you or your post")

    class Email(models.TextChoices):
        NONE = "none", _("No email")
        QUEUED = "queued", _("Email queued")
        DIGEST = "digest", _("Waiting for the daily digest")
        SENT = "sent", _("Email sent")
        FAILED = "failed", _("Email failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_notifications",
    )
    kind = models.CharField(max_length=16, choices=Kind)
    # Moderation notices about a member (a warning, a suspension) have no post.
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_count = models.PositiveIntegerField(default=1)
    action = models.CharField(
        max_length=40, blank=True, help_text=_("The moderation action, e.g. post.hide.")
    )
    message = models.TextField(
        blank=True, help_text=_("A moderator's words to the recipient.")
    )
    report = models.ForeignKey(
        "Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.CharField(max_length=8, choices=Email, default=Email.NONE)
    # Delivery of a queued email, at least once: a sender claims the row
    # (`email_claimed_at`, counting an attempt) and marks it sent only once the
    # relay accepted it; a claim older than FORUM_EMAIL_CLAIM_SECONDS belongs to
    # a dead worker and is taken again by `send_pending_emails`.
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(
                F("recipient"),
                F("updated_at").desc(),
                F("id").desc(),
                name="forum_notif_list_idx",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="forum_notif_unread_idx",
            ),
            models.Index(
                fields=["email", "recipient"],
                condition=Q(email__in=["queued", "digest"]),
                name="forum_notif_email_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "post"],
                condition=Q(kind="likes", read_at__isnull=True),
                name="forum_notif_one_unread_likes_per_post",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
