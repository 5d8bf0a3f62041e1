"""Second factors where the power is.

Moderators, editors, administrators and verified professionals can read reported
conversations, publish under the site's name or answer with a badge patients
trust. Until they have a second factor (an authenticator app or a security key /
passkey, allauth.mfa) their powers wait:

- their permissions are only a member's (members.backends asks
  `needs_second_factor` when it computes them), so every `can_*` check refuses;
- the professional badge is not given to new answers (`may_answer_as_professional`);
- the staff pages lead them to /accounts/2fa/ to set one up (the middleware below),
  and so does signing in (members.adapters).
"""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _

from .roles import EDITORS, HEALTH_PROFESSIONALS, MODERATORS

POWER_GROUPS = (MODERATORS, EDITORS, HEALTH_PROFESSIONALS)
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# Pages that only staff use; without a second factor they lead to setting one up.
STAFF_PATHS = (
    "/admin/",
    "/forum/moderation/",
    "/messages/reports/",
    "/messages/photos/held/",
)
SET_UP_MESSAGE = _(
    "Your role needs a second way to prove it is you. Set up an authenticator "
    "app or a security key below, then go back to what you were doing."
)


def holds_power(user) -> bool:
    """Staff, administrators and verified professionals: a second factor is required."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    profile = getattr(user, "profile", None)
    if profile is not None and profile.verified_professional:
        return True
    return user.groups.filter(name__in=POWER_GROUPS).exists()


def has_second_factor(user) -> bool:
    """An authenticator app or a security key / passkey (recovery codes alone are not)."""
    if not hasattr(user, "_has_second_factor"):
        user._has_second_factor = Authenticator.objects.filter(
            user=user, type__in=SECOND_FACTORS
        ).exists()
    return user._has_second_factor


def needs_second_factor(user) -> bool:
    """Holds a power but has no second factor yet: the power waits."""
    return holds_power(user) and not has_second_factor(user)


def may_answer_as_professional(user) -> bool:
    """A verified professional with a second factor: new answers carry the badge."""
    profile = getattr(user, "profile", None)
    return bool(
        profile is not None
        and profile.verified_professional
        and has_second_factor(user)
    )


def _site_path(path: str) -> str:
    """`path` without its /zh-hant/ prefix."""
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


class SecondFactorRequiredMiddleware:
    """Staff pages without a second factor: to /accounts/2fa/, with a word why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and _site_path(request.path).startswith(STAFF_PATHS)
            and needs_second_factor(user)
        ):
            messages.warning(request, SET_UP_MESSAGE)
            return redirect(reverse("mfa_index"))
        return self.get_response(request)
