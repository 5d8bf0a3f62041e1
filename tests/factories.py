"""Test data builders. Plain functions with keyword arguments; no JSON fixtures."""

import itertools
from importlib import import_module

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group, Permission

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
