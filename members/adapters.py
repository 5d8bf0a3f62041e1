from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from core.clientip import client_ip

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
                create_profile(user, display_name=form.cleaned_data["display_name"])
        return user
