"""Readers' "Report an error" requests."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import validate_plain_text
from .article import Article
from .revisions import Revision


class CorrectionRequest(models.Model):
    """A reader's "Report an error" on a published article, for editors to handle."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FIXED = "fixed", _("Fixed")
        DISMISSED = "dismissed", _("Dismissed")

    MESSAGE_MIN = 10
    MESSAGE_MAX = 2000

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision the reader saw"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(
        _("what is wrong"),
        max_length=MESSAGE_MAX,
        validators=[MaxLengthValidator(MESSAGE_MAX), validate_plain_text],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="correction_queue_idx")
        ]

    def __str__(self) -> str:
        return _("Correction to “%(title)s”") % {"title": self.article}
