"""Moderation records: reports, sanctions and word filters.

They change only through `forum.services.reports`, `.moderation`, `.sanctions`
(and word filters in the admin); every moderator's change also writes an
`AuditEntry`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A member's report about a post (or a profile): one open report per member per item.

    `snapshot` keeps the reported text as it was, whatever happens to the post
    afterwards. `weight` is 1, or FORUM_MODERATOR_REPORT_WEIGHT (3) for a
    moderator's report: open weights add up towards auto-hiding the post.
    """

    NOTE_MAX = 1000

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abuse or harassment")
        MISINFORMATION = "misinformation", _("Medical misinformation")
        PERSONAL_INFORMATION = "personal", _("Personal information shared")
        OFF_TOPIC = "off_topic", _("Off-topic")
        DELETION = "deletion", _("Request deletion")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        RESOLVED = "resolved", _("A moderator acted")
        DISMISSED = "dismissed", _("Reviewed: no action needed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_reports_made",
    )
    post = models.ForeignKey(
        "Post", on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_reports_received",
        help_text=_("The reported profile (a report about a member, not a post)."),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    snapshot = models.TextField(
        blank=True, help_text=_("The reported text as it was when reported.")
    )
    weight = models.PositiveSmallIntegerField(default=1)
    by_moderator = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=Status, default=Status.OPEN, db_index=True
    )
    outcome = models.CharField(
        max_length=40, blank=True, help_text=_("The action that resolved it.")
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False) | Q(member__isnull=False),
                name="forum_report_has_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "post"],
                condition=Q(status="open", post__isnull=False),
                name="forum_report_one_open_per_post",
            ),
            models.UniqueConstraint(
                fields=["reporter", "member"],
                condition=Q(status="open", post__isnull=True),
                name="forum_report_one_open_per_member",
            ),
        ]
        indexes = [
            models.Index(fields=["post", "status"], name="forum_report_post_idx"),
            models.Index(
                fields=["member", "status"],
                condition=Q(post__isnull=True),
                name="forum_report_member_idx",
            ),
            models.Index(
                F("reporter"), F("created_at").desc(), name="forum_report_reporter_idx"
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(status="open"),
                name="forum_report_open_idx",
            ),
        ]

    def __str__(self) -> str:
        target = f"post {self.post_id}" if self.post_id else f"member {self.member_id}"
        return f"report {self.pk} ({self.reason}) on {target}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Sanction(models.Model):
    """A warning, suspension or ban given to a member by a moderator.

    The member's current state lives on their account (a suspension's end on
    `Profile.suspended_until`, a ban as `User.is_active = False`); these rows
    are the record moderators read ("prior actions").
    """

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        SUSPENSION = "suspension", _("Suspension")
        BAN = "ban", _("Ban")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_sanctions",
    )
    kind = models.CharField(max_length=12, choices=Kind)
    reason = models.TextField(
        _("message to the member"), help_text=_("The member reads this.")
    )
    post = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The post that led to it, if any."),
    )
    ends_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                F("member"), F("created_at").desc(), name="forum_sanction_member_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="suspension", ends_at__isnull=False)
                | ~Q(kind="suspension"),
                name="forum_sanction_suspension_ends",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.member_id}"

    @property
    def is_in_force(self) -> bool:
        if self.lifted_at is not None or self.kind == self.Kind.WARNING:
            return False
        return self.ends_at is None or self.ends_at > timezone.now()


class WordFilter(models.Model):
    """A word, phrase or web domain that refuses a post (block) or queues it (watch)."""

    class Action(models.TextChoices):
        BLOCK = "block", _("Block: refuse the post")
        WATCH = "watch", _("Watch: send the post to the moderation queue")

    pattern = models.CharField(
        _("word, phrase or domain"),
        max_length=100,
        help_text=_(
            "Matched as whole words, ignoring case. A domain such as example.com "
            "also matches its subdomains in links."
        ),
    )
    action = models.CharField(_("action"), max_length=8, choices=Action)
    note = models.CharField(_("why (for moderators)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["action", "pattern"]
        constraints = [
            models.UniqueConstraint(
                Lower("pattern"), name="forum_wordfilter_pattern_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.pattern}"

    @property
    def is_domain(self) -> bool:
        """'example.com' (a dot, no spaces) is treated as a web domain."""
        pattern = self.pattern.strip()
        return "." in pattern and " " not in pattern and not pattern.endswith(".")
