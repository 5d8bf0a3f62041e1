"""The article library: channels, topics, articles, revisions, reviews and references.

How a draft and the live page live side by side (issue 3 left the choice open):

* The `Article` row, its `Reference` rows, its `DrugProfile` and its topics and
  authors are **the page readers see**. Public selectors read only these rows.
* Editors never write them directly. Every save creates a `Revision` whose JSON
  snapshot holds all editable fields (references and drug sections included).
* While an article is not live (draft, in review, unpublished, archived) the
  services copy each new snapshot straight onto the rows, so the admin list
  shows what is being written. Once it is live (published or scheduled) the
  rows change only when a revision is published.

So a draft can never reach a reader, a list, a feed, the sitemap, related
articles or the referring-pages index: none of them read revisions.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.fields import RenderedHTMLField

from .validators import (
    validate_doi,
    validate_hero_image,
    validate_markdown,
    validate_no_null_bytes,
    validate_plain_text,
    validate_pmid,
)


class Channel(models.Model):
    """A section of the library, in a shallow tree: Drugs › Immunosuppressants."""

    MAX_DEPTH = 3

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent channel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(
        _("description"), blank=True, validators=[validate_no_null_bytes]
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )
    related_channels = models.ManyToManyField(
        "self", verbose_name=_("related channels"), blank=True, symmetrical=True
    )

    class Meta:
        ordering = ["position", "name"]
        indexes = [
            models.Index(fields=["parent", "position", "name"], name="channel_tree_idx")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fast_reverse("articles:channel", self.slug)

    def clean(self) -> None:
        ancestor, depth, seen = self.parent, 1, set()
        while ancestor is not None:
            if ancestor.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A channel can't be inside itself.")}, code="cycle"
                )
            if ancestor.pk in seen:
                break
            seen.add(ancestor.pk)
            depth += 1
            ancestor = ancestor.parent
        if depth > self.MAX_DEPTH:
            raise ValidationError(
                {
                    "parent": _("Channels nest at most %(depth)d levels deep.")
                    % {"depth": self.MAX_DEPTH}
                },
                code="depth",
            )

    def ancestors(self) -> list["Channel"]:
        """Parents from the top down. Load with `select_related("parent__parent")`."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


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
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return fast_reverse("articles:detail", self.slug)

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


class Reference(models.Model):
    """A source, numbered on the page in `position` order."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="references"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(
        _("title"), max_length=300, validators=[validate_plain_text]
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Journal, publisher or organisation."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    doi = models.CharField(
        _("DOI"), max_length=100, blank=True, validators=[validate_doi]
    )
    pmid = models.CharField(
        _("PubMed ID"), max_length=12, blank=True, validators=[validate_pmid]
    )
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["article", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


DRUG_SECTION_MAX = 20_000


def _drug_section(label) -> models.TextField:
    """One Markdown section of a drug page (its HTML sits beside it as `<name>_html`)."""
    return models.TextField(
        label,
        blank=True,
        max_length=DRUG_SECTION_MAX,
        validators=[MaxLengthValidator(DRUG_SECTION_MAX), validate_markdown],
    )


class DrugProfile(models.Model):
    """The structured sections of a drug page, each Markdown through the one pipeline."""

    # (field, heading, anchor): the fixed order readers see.
    SECTIONS = (
        ("brand_names", _("Brand names"), "brand-names"),
        ("indications", _("Main indications"), "indications"),
        ("dosing", _("Usual dosing"), "dosing"),
        ("adverse_reactions", _("Adverse reactions"), "adverse-reactions"),
        ("contraindications", _("Contraindications"), "contraindications"),
        ("pregnancy", _("Pregnancy and breastfeeding"), "pregnancy"),
        ("interactions", _("Interactions"), "interactions"),
        ("monitoring", _("Monitoring"), "monitoring"),
    )
    FIELDS = tuple(field for field, _heading, _anchor in SECTIONS)
    # A drug page is not publishable without these.
    REQUIRED = ("indications", "dosing")
    SECTION_MAX = DRUG_SECTION_MAX

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="drug_profile"
    )
    brand_names = _drug_section(_("brand names"))
    brand_names_html = RenderedHTMLField()
    indications = _drug_section(_("main indications"))
    indications_html = RenderedHTMLField()
    dosing = _drug_section(_("usual dosing"))
    dosing_html = RenderedHTMLField()
    adverse_reactions = _drug_section(_("adverse reactions"))
    adverse_reactions_html = RenderedHTMLField()
    contraindications = _drug_section(_("contraindications"))
    contraindications_html = RenderedHTMLField()
    pregnancy = _drug_section(_("pregnancy and breastfeeding"))
    pregnancy_html = RenderedHTMLField()
    interactions = _drug_section(_("interactions"))
    interactions_html = RenderedHTMLField()
    monitoring = _drug_section(_("monitoring"))
    monitoring_html = RenderedHTMLField()

    def __str__(self) -> str:
        return str(self.article)

    def sections(self) -> list[tuple[str, str, str]]:
        """(anchor, heading, html) of the filled sections, in the fixed order."""
        return [
            (anchor, heading, getattr(self, f"{field}_html"))
            for field, heading, anchor in self.SECTIONS
            if getattr(self, f"{field}_html")
        ]


class ArticleLink(models.Model):
    """The link index: `source`'s live text links to the article at `target_slug`.

    Slugs, not ids, so a link written before its target exists starts counting
    once the target is published; old slugs are matched through redirects.
    """

    source = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="outgoing_links"
    )
    target_slug = models.CharField(max_length=200, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target_slug"], name="article_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_slug}"


class ArticleRedirect(models.Model):
    """An old slug of a published article; its URL redirects permanently."""

    old_slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.article_id}"


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
