"""Revisions (full snapshots of an article) and medical review sign-offs."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import validate_no_null_bytes
from .article import Article


class Revision(models.Model):
    """A full snapshot of an article's editable fields, as JSON. Never changed."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    content = models.JSONField(_("content"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="revision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return _("Revision %(number)d of “%(title)s”") % {
            "number": self.number,
            "title": self.content.get("title", ""),
        }

    def get_preview_url(self) -> str:
        return reverse("articles:preview", args=[self.pk])


class ReviewSignOff(models.Model):
    """A health professional approved exactly this revision, on this date.

    The name and specialty are copied at signing: the page keeps showing who
    signed, as they were, even if the profile changes later.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="sign_offs"
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="sign_offs"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reviewer_name = models.CharField(_("reviewer"), max_length=60)
    reviewer_specialty = models.CharField(_("specialty"), max_length=80, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), default=timezone.now)
    next_review_due = models.DateField(_("next review due"))
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000), validate_no_null_bytes],
    )

    class Meta:
        ordering = ["-reviewed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "reviewer"], name="signoff_once_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_name}: {self.revision}"

    @property
    def reviewer_line(self) -> str:
        if self.reviewer_specialty:
            return f"{self.reviewer_name}, {self.reviewer_specialty}"
        return self.reviewer_name
