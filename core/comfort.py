"""Comfort settings: text size, line spacing, reduced motion, stronger contrast.

For people whose fingers are stiff (sclerodactyly) or whose eyes tire in bright
light (lupus), the page itself changes: classes on `<html>` that site.css reads
(`text-largest spacing-wide motion-reduce contrast-more`), in print too. No
JavaScript: a member keeps the choice on their profile; a visitor's device keeps
it in the `comfort` cookie, set by a plain form. A signed-in member's profile
wins over the cookie.

The cookie holds the same class names joined by dots; anything else in it is
ignored, so a changed or forged cookie can only ever give one of the few
settings below. The visitors' page cache keys a page by `cache_key(request)`,
the normalised setting, so a page stored for one setting is never served to a
visitor with another.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "comfort"
COOKIE_SECONDS = 365 * 24 * 60 * 60
MAX_COOKIE_LENGTH = 200


class TextSize(models.TextChoices):
    NORMAL = "normal", _("Normal")
    LARGE = "large", _("Large")
    LARGER = "larger", _("Larger")
    LARGEST = "largest", _("Largest")


class LineSpacing(models.TextChoices):
    NORMAL = "normal", _("Normal")
    WIDE = "wide", _("Wide")


@dataclass(frozen=True, slots=True)
class Comfort:
    """One reader's comfort settings; the default changes nothing."""

    text_size: str = TextSize.NORMAL
    line_spacing: str = LineSpacing.NORMAL
    reduce_motion: bool = False
    more_contrast: bool = False

    @classmethod
    def of(
        cls,
        *,
        text_size: str = TextSize.NORMAL,
        line_spacing: str = LineSpacing.NORMAL,
        reduce_motion: bool = False,
        more_contrast: bool = False,
    ) -> "Comfort":
        """The settings, with anything unknown taken as the default."""
        return cls(
            text_size=text_size if text_size in TextSize.values else TextSize.NORMAL,
            line_spacing=line_spacing
            if line_spacing in LineSpacing.values
            else LineSpacing.NORMAL,
            reduce_motion=bool(reduce_motion),
            more_contrast=bool(more_contrast),
        )

    @classmethod
    def from_cookie(cls, value: str | None) -> "Comfort":
        """Read the cookie's dot-joined class names; unknown ones are ignored."""
        tokens = set((value or "")[:MAX_COOKIE_LENGTH].split("."))
        text_size = next(
            (size for size in TextSize.values if f"text-{size}" in tokens),
            TextSize.NORMAL,
        )
        return cls.of(
            text_size=text_size,
            line_spacing=LineSpacing.WIDE
            if "spacing-wide" in tokens
            else LineSpacing.NORMAL,
            reduce_motion="motion-reduce" in tokens,
            more_contrast="contrast-more" in tokens,
        )

    @property
    def class_names(self) -> list[str]:
        names = []
        if self.text_size != TextSize.NORMAL:
            names.append(f"text-{self.text_size}")
        if self.line_spacing != LineSpacing.NORMAL:
            names.append(f"spacing-{self.line_spacing}")
        if self.reduce_motion:
            names.append("motion-reduce")
        if self.more_contrast:
            names.append("contrast-more")
        return names

    @property
    def html_class(self) -> str:
        """The classes for `<html class="…">`; empty for the default."""
        return " ".join(self.class_names)

    @property
    def cookie_value(self) -> str:
        """The cookie's value; empty for the default (no cookie needed)."""
        return ".".join(self.class_names)

    @property
    def is_default(self) -> bool:
        return not self.class_names

    def as_fields(self) -> dict:
        return {
            "text_size": self.text_size,
            "line_spacing": self.line_spacing,
            "reduce_motion": self.reduce_motion,
            "more_contrast": self.more_contrast,
        }


DEFAULT = Comfort()
FIELD_NAMES = tuple(DEFAULT.as_fields())


def device_comfort(request: HttpRequest | None) -> Comfort:
    """The settings this device's cookie holds (a visitor's)."""
    if request is None:
        return DEFAULT
    return Comfort.from_cookie(request.COOKIES.get(COOKIE_NAME))


def cache_key(request: HttpRequest) -> str:
    """The normalised cookie, for keys of pages shared between visitors."""
    return device_comfort(request).cookie_value


def remember_on_device(response: HttpResponse, comfort: Comfort) -> HttpResponse:
    """Keep `comfort` in this device's cookie (the default: no cookie at all)."""
    if comfort.is_default:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    else:
        response.set_cookie(
            COOKIE_NAME,
            comfort.cookie_value,
            max_age=COOKIE_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response
