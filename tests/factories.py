"""Test data builders. Plain functions with keyword arguments; no JSON fixtures."""

import itertools

from allauth.account.models import EmailAddress

from members.models import User
from members.services import assign_role, join_members

PASSWORD = "correct-horse-battery-9"
ROLES = ("visitor", "unverified", "member", "professional", "editor", "moderator")

_counter = itertools.count(1)


def make_user(
    role: str = "member",
    *,
    email: str | None = None,
    display_name: str | None = None,
    password: str = PASSWORD,
    specialty: str = "",
    **profile_fields,
) -> User:
    """A user in `role`: unverified, member, professional, editor or moderator.

    'unverified' has an account but has not confirmed the email address yet.
    A 'professional' is verified by staff (badge) unless told otherwise.
    """
    if role == "visitor":
        raise ValueError("A visitor has no account; use the anonymous client.")
    n = next(_counter)
    email = email or f"user{n}@example.test"
    user = User.objects.create_user(
        email=email, password=password, display_name=display_name or f"Person {n}"
    )
    EmailAddress.objects.create(
        user=user, email=email, primary=True, verified=role != "unverified"
    )
    if role != "unverified":
        join_members(user)
        assign_role(user, role)
    profile = user.profile
    if role == "professional":
        profile_fields.setdefault("verified_professional", True)
        specialty = specialty or "Dermatology"
    if specialty:
        profile_fields["specialty"] = specialty
    if profile_fields:
        for field, value in profile_fields.items():
            setattr(profile, field, value)
        profile.save(update_fields=list(profile_fields))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions
