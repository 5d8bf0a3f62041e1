from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.comfort import Comfort, LineSpacing, TextSize
from core.fasturls import fast_reverse
from core.names import local_text, zh_hant_field


class MemberManager(UserManager):
    """Users are identified by email; `username` is gone."""

    def _create_user(
        self, username, email, password, display_name=None, **extra_fields
    ):
        """Create the user and their profile together: every user has one."""
        email = self.normalize_email(email or username)
        with transaction.atomic(using=self._db):
            user = self.model(email=email, **extra_fields)
            user.set_password(password)
            user.save(using=self._db)
            Profile.objects.create(
                user=user,
                display_name=display_name or Profile.objects.available_name(email),
            )
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The public face is `Profile.display_name`."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)

    objects = MemberManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.display_name if profile else self.email


class ProfileManager(models.Manager):
    def available_name(self, base: str) -> str:
        """A free display name derived from `base` (an email's local part, say)."""
        base = (base.split("@")[0] or "member")[: Profile.DISPLAY_NAME_MAX - 6]
        base = base.ljust(Profile.DISPLAY_NAME_MIN, "_")
        candidate, n = base, 1
        while self.filter(display_name__iexact=candidate).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate


class Profile(models.Model):
    """What other members see about a person. Never the email address."""

    class AgeRange(models.TextChoices):
        UNDER_18 = "under-18", _("under 18")
        AGE_18_29 = "18-29", _("18–29")
        AGE_30_39 = "30-39", _("30–39")
        AGE_40_49 = "40-49", _("40–49")
        AGE_50_59 = "50-59", _("50–59")
        AGE_60_69 = "60-69", _("60–69")
        AGE_70_PLUS = "70+", _("70+")

    class Sex(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        INTERSEX = "intersex", _("intersex")
        OTHER = "other", _("other")

    class Language(models.TextChoices):
        # Each name in its own language: it is what a reader looks for in the list.
        ENGLISH = "en", "English"
        TRADITIONAL_CHINESE = "zh-hant", "繁體中文"

    class EmailFrequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("Daily digest")
        NEVER = "never", _("Never")

    DISPLAY_NAME_MIN = 3
    DISPLAY_NAME_MAX = 30
    BIO_MAX = 500

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=DISPLAY_NAME_MAX)
    age_range = models.CharField(
        _("age range"), max_length=10, blank=True, choices=AgeRange
    )
    sex = models.CharField(_("sex"), max_length=10, blank=True, choices=Sex)
    bio = models.TextField(_("short bio"), max_length=BIO_MAX, blank=True)
    specialty = models.CharField(_("specialty"), max_length=80, blank=True)
    specialty_zh_hant = zh_hant_field(
        _("specialty in Traditional Chinese"), max_length=80
    )
    verified_professional = models.BooleanField(
        _("verified health professional"),
        default=False,
        help_text=_(
            "Set by staff after checking the person's professional registration."
        ),
    )
    follow_on_post = models.BooleanField(
        _("follow threads I start or reply to"), default=True
    )
    email_frequency = models.CharField(
        _("email me about replies"),
        max_length=12,
        choices=EmailFrequency,
        default=EmailFrequency.IMMEDIATELY,
    )
    accepts_new_conversations = models.BooleanField(
        _("let members start private conversations with me"), default=True
    )
    notify_without_content = models.BooleanField(
        _("leave the text out of emails about private messages"),
        default=True,
        help_text=_("The email then only says who wrote; read the message here."),
    )
    notify_on_mention = models.BooleanField(
        _("tell me when someone mentions me in the forum"), default=True
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Language,
        default=Language.ENGLISH,
        help_text=_("The site's language for you, and of the emails we send you."),
    )
    # Comfort settings (core.comfort): they win over the device's cookie.
    text_size = models.CharField(
        _("text size"),
        max_length=10,
        choices=TextSize,
        default=TextSize.NORMAL,
    )
    line_spacing = models.CharField(
        _("space between lines"),
        max_length=10,
        choices=LineSpacing,
        default=LineSpacing.NORMAL,
    )
    reduce_motion = models.BooleanField(_("reduce motion"), default=False)
    more_contrast = models.BooleanField(_("stronger contrast"), default=False)
    post_count = models.PositiveIntegerField(default=0)
    suspended_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set by a moderator's suspension: until then the member can read "
            "but not post."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ProfileManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"), name="profile_display_name_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return fast_reverse("members:profile", self.user_id)

    @property
    def is_suspended(self) -> bool:
        return (
            self.suspended_until is not None and self.suspended_until > timezone.now()
        )

    @property
    def comfort(self) -> Comfort:
        """Text size, spacing, motion and contrast as this member chose them."""
        return Comfort.of(
            text_size=self.text_size,
            line_spacing=self.line_spacing,
            reduce_motion=self.reduce_motion,
            more_contrast=self.more_contrast,
        )

    @property
    def local_specialty(self) -> str:
        """The specialty in the page's language (`core.names`)."""
        return local_text(self, "specialty")

    @property
    def age_sex_label(self) -> str:
        """'age 18–29, female' as the seed Q&A shows it; empty when not shared."""
        parts = []
        if self.age_range:
            parts.append(_("age %(range)s") % {"range": self.get_age_range_display()})
        if self.sex:
            parts.append(self.get_sex_display())
        return ", ".join(str(part) for part in parts)


class Block(models.Model):
    """`blocker` wants nothing from `blocked`: no messages, no mentions."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["blocker", "blocked"], name="block_once_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")),
                name="block_not_oneself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class KnownDevice(models.Model):
    """A device (browser and system, in plain words) a member has signed in from:
    a sign-in from one not seen before sends them a word by email."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)  # members.devices.device_key
    first_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="known_device_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.name}"
