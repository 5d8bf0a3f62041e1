"""Test data builders. Plain functions with keyword arguments; no JSON fixtures."""

import itertools
import time
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from members.models import User
from members.services import assign_role, join_members

PASSWORD = "correct-horse-battery-9"
ROLES = ("visitor", "unverified", "member", "professional", "editor", "moderator")

_counter = itertools.count(1)
# Staff roles need a second factor before their powers work (members.security):
# they get an authenticator app with this secret unless told otherwise.
TOTP_SECRET = "KINDREDTESTKINDREDTESTKINDRED234"
STAFF_ROLES = ("professional", "editor", "moderator")


def give_second_factor(user: User, secret: str = TOTP_SECRET) -> None:
    """An authenticator app for `user`, as if enrolled at /accounts/2fa/."""
    TOTP.activate(user, secret)


def totp_code(secret: str = TOTP_SECRET, *, later: bool = False) -> str:
    """The authenticator app's code right now; `later`: once the code just used
    has expired (codes are single-use), waiting for the next period."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    if later:
        time.sleep((counter + 1) * mfa_settings.TOTP_PERIOD - time.time() + 0.1)
        counter += 1
    return format_hotp_value(hotp_value(secret, counter))


def make_user(
    role: str = "member",
    *,
    email: str | None = None,
    display_name: str | None = None,
    password: str = PASSWORD,
    specialty: str = "",
    second_factor: bool | None = None,
    **profile_fields,
) -> User:
    """A user in `role`: unverified, member, professional, editor or moderator.

    'unverified' has an account but has not confirmed the email address yet.
    A 'professional' is verified by staff (badge) unless told otherwise. Staff
    roles have an authenticator app (`second_factor`, default: staff roles only).
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
    if second_factor if second_factor is not None else role in STAFF_ROLES:
        give_second_factor(user)
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


class _RegistryAsTheMigrationsKnewIt:
    """The app registry under the labels the data migrations used: what they
    called `sclero_site.*` and `articles.Topic` lives in `core` now (same tables)."""

    def get_model(self, app_label: str, model_name: str):
        moved = app_label == "sclero_site" or (app_label, model_name.lower()) == (
            "articles",
            "topic",
        )
        return apps.get_model("core" if moved else app_label, model_name)


def _grant(grants: dict[str, list[str]], app_label: str) -> None:
    """The migrations' grants, found where each model lives today."""
    for group_name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        perms = Permission.objects.filter(
            content_type__app_label__in=[app_label, "core"], codename__in=codenames
        )
        assert perms.count() == len(set(codenames)), (app_label, codenames)
        group.permissions.add(*perms)


def restore_migration_data() -> None:
    """Put back what the data migrations wrote (role permissions, first disclaimers).

    For transactional tests: the flush between them empties those tables too.
    """
    import_module("members.migrations.0002_roles").create_groups(apps, None)
    site = import_module("sclero_site.migrations.0002_roles_and_first_disclaimers")
    _grant(site.GRANTS, "sclero_site")
    site.create_first_texts(_RegistryAsTheMigrationsKnewIt(), None)
    import_module(
        "core.migrations.0003_first_disclaimer_translations"
    ).translate_first_versions(apps, None)
    _grant(import_module("forum.migrations.0002_roles").GRANTS, "forum")
    _grant(import_module("forum.migrations.0005_moderation_roles").GRANTS, "forum")
    _grant(import_module("articles.migrations.0003_roles").GRANTS, "articles")
    _grant(import_module("conversations.migrations.0002_roles").GRANTS, "conversations")


def reauthenticate(client, password: str = PASSWORD) -> None:
    """Prove it is you again, through allauth's page (before an export, a
    moderator's reading of a reported conversation, a factor change)."""
    from django.urls import reverse

    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content.decode()[:500]
