"""Reads about members."""

from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from .models import Profile, User


def has_verified_email(user: User) -> bool:
    """True once the person has confirmed an email address."""
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user_id=user.pk, verified=True).exists()
    )


def public_profiles() -> QuerySet[Profile]:
    """Profiles of active accounts, with what the profile page shows."""
    return Profile.objects.filter(user__is_active=True).select_related("user")
