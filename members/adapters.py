from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from .services import create_profile


class AccountAdapter(DefaultAccountAdapter):
    """Create the profile with the account, in one transaction."""

    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                create_profile(user, display_name=form.cleaned_data["display_name"])
        return user
