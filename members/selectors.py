"""Reads about members."""

from allauth.account.models import EmailAddress
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from .models import Block, Profile, User

MENTION_SUGGESTIONS = 8


def has_verified_email(user: User) -> bool:
    """True once the person has confirmed an email address."""
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user_id=user.pk, verified=True).exists()
    )


def public_profiles() -> QuerySet[Profile]:
    """Profiles of active accounts, with what the profile page shows."""
    return Profile.objects.filter(user__is_active=True).select_related("user")


def mention_suggestions(viewer: User, prefix: str) -> list[str]:
    """Display names (at most MENTION_SUGGESTIONS) that `prefix` starts, or starts a
    word of: active members other than `viewer`, neither blocking nor blocked by them.

    Banned and deactivated accounts (not active) and members suspended right now
    are left out: they can't take part, so nobody should be invited to mention them."""
    blocks = Block.objects.filter(
        Q(blocker_id=viewer.pk) | Q(blocked_id=viewer.pk)
    ).values_list("blocker_id", "blocked_id")
    hidden = {viewer.pk} | {pk for pair in blocks for pk in pair}
    names = (
        Profile.objects.filter(user__is_active=True)
        .exclude(suspended_until__gt=timezone.now())
        .filter(
            Q(display_name__istartswith=prefix)
            | Q(display_name__icontains=f" {prefix}")
        )
        .exclude(user_id__in=hidden)
        .annotate(
            rank=Case(
                When(display_name__istartswith=prefix, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "display_name")
        .values_list("display_name", flat=True)
    )
    return list(names[:MENTION_SUGGESTIONS])
