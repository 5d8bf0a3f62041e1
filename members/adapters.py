import math

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import parse_rates
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language

from core.clientip import client_ip
from core.ratelimits import RateLimited

from .security import SET_UP_MESSAGE, needs_second_factor
from .services import create_profile


class AccountAdapter(DefaultAccountAdapter):
    """Create the profile with the account, in one transaction; rate limits per
    client address behind our proxies (core.clientip)."""

    def get_client_ip(self, request):
        return client_ip(request) or super().get_client_ip(request)

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                create_profile(
                    user,
                    display_name=form.cleaned_data["display_name"],
                    language=get_language(),
                )
        return user

    def get_login_redirect_url(self, request):
        """Staff and professionals without a second factor set one up first."""
        if needs_second_factor(request.user):
            messages.warning(request, SET_UP_MESSAGE)
            return reverse("mfa_index")
        return super().get_login_redirect_url(request)

    def pre_authenticate(self, request, **credentials):
        """Too many failed logins: the 429 page like our other limits, not a form error."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise RateLimited("login_failed", _login_lockout_seconds()) from error


def _login_lockout_seconds() -> int:
    """The longest window of allauth's login_failed limit (when to try again)."""
    rates = parse_rates(account_settings.RATE_LIMITS.get("login_failed"))
    return max((math.ceil(rate.duration) for rate in rates), default=300)
