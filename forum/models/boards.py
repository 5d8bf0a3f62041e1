"""Boards and the groups that list them on the forum index.

Counters (`reply_count`, `like_count`, `follower_count`, `post_count`,
`thread_count`, `last_post_at`) are denormalized for fast lists and change only
in `forum.services`, with `F()` in the transaction that writes what they count.
A board keeps its figures twice: everything (what members see) and the
`public_*` ones, which leave members-only threads out (what visitors see).
"""

import datetime
from typing import Any, NamedTuple

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.languages import Language
from core.names import LocalName

# Board slugs that would hide the forum's own URLs (/forum/t/…, /forum/p/…).
RESERVED_BOARD_SLUGS = frozenset(
    {
        "t",
        "p",
        "moderation",
        "new",
        "notifications",
        "search",
        "unsubscribe",
        "drafts",
        "photos",
    }
)


class BoardGroup(LocalName, models.Model):
    """A theme on the forum index: Conditions, Treatments & medications…"""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        indexes = [
            models.Index(fields=["position", "name"], name="forum_group_order_idx")
        ]

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    """Where threads live: a discussion board or a Q&A board."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion board")
        QUESTIONS = "questions", _("Q&A: ask a health professional")

    group = models.ForeignKey(
        BoardGroup, on_delete=models.PROTECT, related_name="boards"
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind, default=Kind.DISCUSSION
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Language.CHOICES,
        default=Language.ENGLISH,
        help_text=_("The language members write in here; new threads take it."),
    )
    disclaimer = models.ForeignKey(
        "core.Disclaimer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="boards",
        limit_choices_to={"scope": "board"},
        help_text=_(
            "This board's own disclaimer (scope 'One board'). New threads record its "
            "current version with the site and forum disclaimers."
        ),
    )
    members_only_default = models.BooleanField(
        _("members only by default"),
        default=False,
        help_text=_(
            "New threads start hidden from visitors and search engines; their "
            "authors may still choose. Leave Q&A boards public."
        ),
    )
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_thread = models.ForeignKey(
        "forum.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # The same figures without members-only threads: what visitors are shown.
    public_thread_count = models.PositiveIntegerField(default=0, editable=False)
    public_post_count = models.PositiveIntegerField(default=0, editable=False)
    public_last_post_at = models.DateTimeField(null=True, blank=True, editable=False)
    public_last_thread = models.ForeignKey(
        "forum.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["group__position", "position", "name"]
        indexes = [
            models.Index(
                fields=["group", "position", "name"], name="forum_board_order_idx"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fast_reverse("forum:board-detail", self.slug)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.slug in RESERVED_BOARD_SLUGS:
            raise ValidationError(
                {"slug": _("This address is used by the forum itself.")}
            )

    @property
    def is_questions(self) -> bool:
        return self.kind == self.Kind.QUESTIONS

    def figures(self, *, public: bool) -> "BoardFigures":
        """The counts and latest activity to show: without members-only threads
        (`public`, for visitors) or with everything (for members)."""
        if public:
            return BoardFigures(
                self.public_thread_count,
                self.public_post_count,
                self.public_last_post_at,
                self.public_last_thread,
            )
        return BoardFigures(
            self.thread_count, self.post_count, self.last_post_at, self.last_thread
        )


class BoardFigures(NamedTuple):
    """What a board's row on the forum index shows."""

    thread_count: int
    post_count: int
    last_post_at: datetime.datetime | None
    last_thread: Any  # a Thread, or None
