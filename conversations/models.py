"""Private conversations between a few members, and reports about their messages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.fields import RenderedHTMLField
from core.markup import sanitized
from core.models import PhotoRecord


class Conversation(models.Model):
    """A private exchange between up to six members (the starter and five others)."""

    MAX_RECIPIENTS = 5
    SUBJECT_MAX = 120

    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        permissions = [
            (
                "moderate_conversation",
                "Can read a reported conversation and hide its messages",
            )
        ]

    def __str__(self) -> str:
        return self.subject or f"Conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return fast_reverse("conversations:detail", self.pk)


class Participant(models.Model):
    """One member's place in a conversation: what they read, whether they left."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversation_places",
    )
    unread_count = models.PositiveIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    # Mirrors the conversation's, so the inbox sorts on one table.
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="participant_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["user", "left_at", "-last_message_at"],
                name="participant_inbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Message(models.Model):
    """One message. `body_html` is rendered by core.markup when it is written."""

    BODY_MAX = 10_000
    EDIT_WINDOW_MINUTES = 15

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")
        ERASED = "erased", _("Erased with its author's account")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(max_length=BODY_MAX)
    body_html = RenderedHTMLField()
    status = models.CharField(
        max_length=8, choices=Status, default=Status.VISIBLE, db_index=True
    )
    hidden_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="message_order")
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in conversation {self.conversation_id}"

    def get_absolute_url(self) -> str:
        return f"{self.conversation.get_absolute_url()}#message-{self.pk}"


class MessageEmail(models.Model):
    """One email about one message to one participant, delivered at least once.

    The same claim / mark-sent life as the forum's notification emails:
    `queued` until the relay accepted it, `digest` while waiting for the daily
    digest, `failed` past CONVERSATIONS_EMAIL_MAX_ATTEMPTS.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Email queued")
        DIGEST = "digest", _("Waiting for the daily digest")
        SENT = "sent", _("Email sent")
        FAILED = "failed", _("Email failed")
        DROPPED = "dropped", _("No longer wanted")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=8, choices=State, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "recipient"], name="message_email_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Email about message {self.message_id} to {self.recipient_id}"


class MessageReport(models.Model):
    """A participant's report of one message, with the conversation around it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    REASON_MAX = 1000

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("what is wrong"), max_length=REASON_MAX)
    # The messages around the reported one as they were when reported.
    snapshot = models.JSONField(default=list)
    status = models.CharField(
        max_length=8, choices=Status, default=Status.OPEN, db_index=True
    )
    outcome = models.CharField(max_length=300, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"],
                condition=models.Q(status="open"),
                name="message_report_open_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="report_queue")]

    def __str__(self) -> str:
        return f"Report {self.pk} of message {self.message_id}"

    class ReadScope(models.TextChoices):
        AROUND = "around", _("the messages around it, as reported")
        WHOLE = "whole", _("the whole conversation")

    def reported_in_snapshot(self) -> list[dict]:
        """Only the reported message, as reported: what a moderator sees before
        giving a reason to read more."""
        return [item for item in self.snapshot_messages() if item.get("reported")]

    def snapshot_messages(self) -> list[dict]:
        """The snapshot's messages, their HTML sanitized again (JSON is no
        RenderedHTMLField: nothing guarantees it is still the pipeline's output)."""
        return [{**item, "html": sanitized(item.get("html"))} for item in self.snapshot]


class MessageImage(PhotoRecord):
    """One photo of a message (at most CONVERSATIONS_PHOTOS_PER_MESSAGE), re-encoded
    by core.photos, with its alt text. A new member's photos are `held`: only the
    sender and the moderators' photo queue see them until a moderator approves."""

    PHOTO_FOLDER = "message-photos"

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="images"
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    held = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["message", "position", "id"]
        indexes = [
            models.Index(fields=["message", "position"], name="message_image_idx")
        ]
