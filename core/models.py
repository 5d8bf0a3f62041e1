"""Records every app shares: topics, disclaimers and the audit log."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import storage as core_storage
from .fasturls import fast_reverse
from .fields import RenderedHTMLField
from .languages import Language
from .names import LocalName


class Topic(LocalName, models.Model):
    """A subject shared by articles and forum threads: tacrolimus, morphea…"""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        db_table = "articles_topic"  # born in the library app; the table stays
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fast_reverse("topic-detail", self.slug)


class Disclaimer(models.Model):
    """A named text whose versions never change once published (site, forum, board…)."""

    class Scope(models.TextChoices):
        SITE = "site", _("Whole site")
        FORUM = "forum", _("Forum")
        ARTICLES = "articles", _("Articles")
        BOARD = "board", _("One board (chosen on the board)")
        GUIDELINES = "guidelines", _("Community guidelines")

    scope = models.CharField(max_length=12, choices=Scope, db_index=True)
    name = models.CharField(max_length=120, unique=True)
    current_version = models.ForeignKey(
        "DisclaimerVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        db_table = "sclero_site_disclaimer"
        ordering = ["scope", "name"]
        permissions = [("publish_disclaimer", "Can publish a new disclaimer version")]

    def __str__(self) -> str:
        return self.name


class DisclaimerVersion(models.Model):
    """One immutable version. Threads and acknowledgements point at these rows."""

    disclaimer = models.ForeignKey(
        Disclaimer, on_delete=models.PROTECT, related_name="versions"
    )
    major = models.PositiveSmallIntegerField()
    minor = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(help_text=_("Markdown."))
    body_html = RenderedHTMLField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "sclero_site_disclaimerversion"
        ordering = ["disclaimer", "-major", "-minor"]
        constraints = [
            models.UniqueConstraint(
                fields=["disclaimer", "major", "minor"],
                name="disclaimer_version_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(major__gte=1), name="disclaimer_major_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.disclaimer.name} {self.label}"

    @property
    def label(self) -> str:
        return f"v{self.major}.{self.minor}"


class DisclaimerTranslation(models.Model):
    """A version's text in another language. Like the version, never edited: the
    version is what threads record, this is how it reads in `language`."""

    version = models.ForeignKey(
        DisclaimerVersion,
        on_delete=models.PROTECT,
        related_name="translations",
        verbose_name=_("version"),
    )
    language = models.CharField(_("language"), max_length=10, choices=Language.CHOICES)
    name = models.CharField(
        _("name in this language"),
        max_length=120,
        blank=True,
        help_text=_("Shown as the heading; empty keeps the original name."),
    )
    body = models.TextField(_("text (Markdown)"))
    body_html = RenderedHTMLField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("disclaimer translation")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"],
                name="disclaimer_translation_one_per_language",
                violation_error_message=_(
                    "This version already has a translation in that language."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} ({self.language})"


class DisclaimerAcknowledgement(models.Model):
    """A member read and accepted this version, at this time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    version = models.ForeignKey(
        DisclaimerVersion, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "sclero_site_disclaimeracknowledgement"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="acknowledgement_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} accepted {self.version_id}"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what to which item, why, and when. Rows are never changed or removed."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(max_length=60, blank=True)
    action = models.CharField(max_length=60)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_id = models.CharField(max_length=40, blank=True)
    target_repr = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        db_table = "sclero_site_auditentry"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="audit_recent_idx"),
            models.Index(fields=["action", "-created_at"], name="audit_action_idx"),
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["actor", "-created_at"], name="audit_actor_idx"),
        ]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        # Append-only: a row that exists is never written again.
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")


def private_storage():
    """Where photos are kept: a storage with no public address (settings.STORAGES
    "private", looked up on each use); only the apps' own views serve them."""
    return core_storage.private


def photo_path(instance, filename: str) -> str:
    """An unguessable name in the model's PHOTO_FOLDER."""
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"{instance.PHOTO_FOLDER}/{uuid.uuid4().hex}.{extension}"


class PhotoRecord(models.Model):
    """A re-encoded photo (no EXIF, no GPS) and its thumbnail with the words that
    describe it, as `core.photos.store_photo` saves them (posts, messages)."""

    ALT_MAX = 250
    PHOTO_FOLDER = "photos"

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
        abstract = True

    def __str__(self) -> str:
        return self.alt_text


class KeptPhoto(models.Model):
    """A photo a member chose on a form that went back to them (an error, a preview,
    a refusal): kept, re-encoded (no EXIF, no GPS) in private storage, for
    `core.photos.KEEP_PHOTOS_FOR`, so they need not choose it again. Only its
    owner's next submit uses it, by its unguessable token."""

    PHOTO_FOLDER = "kept"

    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    image = models.FileField(
        upload_to=photo_path, storage=private_storage, max_length=200
    )
    name = models.CharField(max_length=200)  # the file's name on their device
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.name
