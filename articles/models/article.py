"""The article: the row is the live page readers see; drafts live in revisions."""

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.fields import RenderedHTMLField
from core.languages import Language

from ..illustrations import ILLUSTRATIONS, Illustration, validate_illustration
from ..validators import validate_hero_image, validate_markdown, validate_plain_text
from .library import Channel


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` plus whole years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Article(models.Model):
    """A page of the library. The row is the live page; drafts live in revisions."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        GUIDE = "guide", _("Guide")
        DRUG = "drug", _("Drug page")
        QA_DIGEST = "qa-digest", _("Q&A digest")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in-review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        ARCHIVED = "archived", _("Archived")

    # Guides and drug pages need a medical sign-off before they go live.
    MEDICAL_KINDS = frozenset({Kind.GUIDE, Kind.DRUG})
    # Years until the next review: drug information dates fastest.
    REVIEW_YEARS = {Kind.DRUG: 1}
    DEFAULT_REVIEW_YEARS = 3
    # Statuses whose rows are the live page (visible once publish_at has passed).
    LIVE_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)
    # Slugs that would shadow the library's own URLs.
    RESERVED_SLUGS = frozenset({"feed", "channel", "preview"})
    TITLE_MAX = 200
    SUMMARY_MAX = 300
    BODY_MAX = 100_000

    title = models.CharField(
        _("title"), max_length=TITLE_MAX, validators=[validate_plain_text]
    )
    slug = models.SlugField(
        _("slug"), max_length=TITLE_MAX, unique=True, allow_unicode=True
    )
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX,
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX), validate_plain_text],
        help_text=_("One or two plain sentences, shown in lists, feeds and search."),
    )
    body = models.TextField(
        _("body (Markdown)"),
        max_length=BODY_MAX,
        blank=True,
        validators=[MaxLengthValidator(BODY_MAX), validate_markdown],
    )
    body_html = RenderedHTMLField()
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.GUIDE)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Language.CHOICES,
        default=Language.ENGLISH,
        help_text=_("The language the article is written in."),
    )
    # Articles that are translations of each other share a group; each one keeps
    # its own revisions, review sign-off and publication. Set by the services.
    translation_group = models.UUIDField(
        _("translation group"), null=True, blank=True, editable=False, db_index=True
    )
    channel = models.ForeignKey(
        Channel,
        verbose_name=_("channel"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    topics = models.ManyToManyField(
        "core.Topic", verbose_name=_("topics"), blank=True, related_name="articles"
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors"),
        blank=True,
        related_name="authored_articles",
    )
    hero_image = models.FileField(
        _("hero image"),
        upload_to="articles/heroes/%Y/",
        blank=True,
        max_length=200,
        validators=[validate_hero_image],
    )
    hero_alt = models.CharField(
        _("hero image description (alt text)"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
    )
    illustration = models.CharField(
        _("illustration"),
        max_length=60,
        blank=True,
        validators=[validate_illustration],
        help_text=_(
            "One of the library's own diagrams, shown when there is no hero image."
        ),
    )
    featured = models.BooleanField(_("featured on the library home"), default=False)

    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    expire_at = models.DateTimeField(_("expire at"), null=True, blank=True)
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True
    )
    last_published_at = models.DateTimeField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_("When the live content last changed."),
    )
    live_revision = models.ForeignKey(
        "Revision",
        verbose_name=_("live revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    latest_revision = models.ForeignKey(
        "Revision",
        verbose_name=_("latest revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    live_review = models.ForeignKey(
        "ReviewSignOff",
        verbose_name=_("medical review of the live revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    review_requested_at = models.DateTimeField(
        _("review requested"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["-first_published_at", "-id"]
        permissions = [
            (
                "publish_article",
                "Can publish, schedule, unpublish and archive articles",
            ),
            ("review_article", "Can sign off the medical review of an article"),
        ]
        indexes = [
            models.Index(
                fields=["status", "-first_published_at", "-id"],
                name="article_status_recent_idx",
            ),
            models.Index(
                fields=["channel", "-first_published_at", "-id"],
                name="article_channel_recent_idx",
            ),
            models.Index(fields=["next_review_due"], name="article_review_due_idx"),
            models.Index(fields=["status", "publish_at"], name="article_schedule_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hero_image="") | ~models.Q(hero_alt=""),
                name="article_hero_needs_alt",
            ),
            models.CheckConstraint(
                condition=models.Q(expire_at__isnull=True)
                | models.Q(publish_at__isnull=True)
                | models.Q(expire_at__gt=models.F("publish_at")),
                name="article_expires_after_publish",
            ),
            models.UniqueConstraint(
                fields=["translation_group", "language"],
                name="article_one_translation_per_language",
                violation_error_message=_(
                    "This article already has a translation in that language."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return fast_reverse("articles:detail", self.slug)

    @property
    def illustration_item(self) -> Illustration | None:
        """The library diagram this article shows, if any."""
        return ILLUSTRATIONS.get(self.illustration)

    @property
    def is_medical(self) -> bool:
        return self.kind in self.MEDICAL_KINDS

    def is_visible(self, now: datetime.datetime | None = None) -> bool:
        """The same rule as `selectors.published_articles`, for one loaded row."""
        now = now or timezone.now()
        return (
            self.status in self.LIVE_STATUSES
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def has_unpublished_changes(self) -> bool:
        return (
            self.status in self.LIVE_STATUSES
            and self.latest_revision_id != self.live_revision_id
        )

    def workflow_label(self, now: datetime.datetime | None = None) -> str:
        """The state in editors' words: "Published · changes not published yet"."""
        now = now or timezone.now()
        if (
            self.status in self.LIVE_STATUSES
            and self.expire_at
            and self.expire_at <= now
        ):
            label = _("Expired")
        elif self.status == self.Status.SCHEDULED and self.publish_at > now:
            label = _("Scheduled for %(when)s") % {
                "when": timezone.localtime(self.publish_at).strftime("%Y-%m-%d %H:%M")
            }
        elif self.status == self.Status.SCHEDULED:
            label = self.Status.PUBLISHED.label
        else:
            label = self.get_status_display()
        extras = []
        if self.status in self.LIVE_STATUSES and self.review_requested_at:
            extras.append(_("changes in review"))
        elif self.has_unpublished_changes:
            extras.append(_("changes not published yet"))
        return " · ".join([str(label), *map(str, extras)])

    @property
    def is_overdue_for_review(self) -> bool:
        return (
            self.next_review_due is not None
            and self.next_review_due < timezone.localdate()
        )
