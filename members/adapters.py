import math

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import parse_rates
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language

from core import comfort
from core.clientip import client_ip
from core.ratelimits import RateLimited
from core.seo import absolute_url

from .devices import describe, remember_device
from .languages import in_member_language
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
                    settings=comfort.device_comfort(request),
                )
        return user

    def login(self, request, user):
        super().login(request, user)
        if remember_device(user, user_agent=self.get_http_user_agent(request)):
            self.send_notification_mail("account/email/new_device", user)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """allauth's security notices (password, email, factors, new device), in the
        member's language, naming the device in plain words, with what to do if
        it was not them."""
        # After a commit there may be no request any more: the site's own address.
        request = self.request or allauth_context.request
        context = {
            "reset_url": absolute_url(reverse("account_reset_password")),
            "devices_url": absolute_url(reverse("accounts:devices")),
            **(context or {}),
        }
        with in_member_language(user):
            context.setdefault(
                "device", describe(self.get_http_user_agent(request) if request else "")
            )
            super().send_notification_mail(template_prefix, user, context, email)

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
