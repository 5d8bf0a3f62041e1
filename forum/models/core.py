"""The forum's records: boards, threads, posts and their versions, likes, follows
and notifications. (Reports, sanctions and word filters: `moderation.py`.)

Counters (`reply_count`, `like_count`, `follower_count`, `post_count`,
`thread_count`, `last_post_at`) are denormalized for fast lists and change only
in `forum.services`, with `F()` in the transaction that writes what they count.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.fields import RenderedHTMLField

# Board slugs that would hide the forum's own URLs (/forum/t/…, /forum/p/…).
RESERVED_BOARD_SLUGS = frozenset(
    {"t", "p", "moderation", "new", "notifications", "search", "unsubscribe"}
)


def thread_slug(title: str) -> str:
    """The cosmetic part of a thread URL, from its title (unicode kept)."""
    return slugify(title, allow_unicode=True)[:80].strip("-") or "thread"


class BoardGroup(models.Model):
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
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_thread = models.ForeignKey(
        "Thread",
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


class Thread(models.Model):
    """A conversation (or, on a Q&A board, a question) and its counters."""

    TITLE_MIN = 5
    TITLE_MAX = 150

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.CharField(max_length=80, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_threads",
    )
    first_post = models.OneToOneField(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topics = models.ManyToManyField(
        "core.Topic", blank=True, related_name="threads", verbose_name=_("topics")
    )
    disclaimer_versions = models.ManyToManyField(
        "core.DisclaimerVersion",
        blank=True,
        related_name="forum_threads",
        help_text=_(
            "The versions in force when the thread was started. Never changed."
        ),
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    helpful_post = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("On a Q&A board, the answer the asker marked as helpful."),
    )
    reply_count = models.PositiveIntegerField(default=0)
    like_count = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-id"]
        indexes = [
            models.Index(
                F("board"),
                F("is_pinned").desc(),
                F("last_post_at").desc(),
                F("id").desc(),
                name="forum_thread_board_list_idx",
            ),
            models.Index(
                F("last_post_at").desc(), F("id").desc(), name="forum_thread_active_idx"
            ),
            models.Index(
                F("author"), F("created_at").desc(), name="forum_thread_author_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return fast_reverse("forum:thread-detail", self.pk, self.slug or "thread")


class Post(models.Model):
    """One message in a thread: the opening post, a reply, or a reply to a reply.

    `parent` groups replies one level deep: it is always a top-level post, so a
    reply to a nested reply joins the same group. `reply_to` keeps the post
    actually answered (for "in reply to" and notifications).
    """

    BODY_MAX = 20_000

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


class ThreadFollow(models.Model):
    """A member follows a thread: in-app notifications and emails for new replies."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_follows",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "user"], name="forum_follow_once"
            ),
        ]
        indexes = [
            models.Index(
                F("user"), F("created_at").desc(), name="forum_follow_user_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class ThreadMute(models.Model):
    """A member used an email's unsubscribe link: no more email about this thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_mutes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="forum_mute_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} muted {self.thread_id}"


class Notification(models.Model):
    """Something for one member to see in /accounts/notifications/ (and maybe by email).

    Likes are grouped: while a like notification for a post is unread, new likes
    update it (`actor` is the latest, `actor_count` how many) instead of adding rows.
    """

    class Kind(models.TextChoices):
        FOLLOWED_REPLY = "followed_reply", _("New reply in a thread you follow")
        REPLY = "reply", _("Reply to your post")
        QUOTE = "quote", _("Quote of your post")
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
    # relay accepted it; a claim older than FORUM_EMAIL_CLAIM_MINUTES belongs to
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
