"""A member's own data: downloading all of it as JSON, and deleting the account.

The account, profile, email addresses and disclaimer acknowledgements are
exported here; each app that keeps more personal data registers a section
(`register_section`, from its `AppConfig.ready()`) that adds its own data to the
export and cleans up before the account goes, so members never imports the apps
built on it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.conf import site_settings
from core.models import DisclaimerAcknowledgement

from .models import Block, User


@dataclass(frozen=True)
class Section:
    """One app's share of a member's data."""

    export: Callable[[User], dict]
    erase: Callable[..., dict]  # (user, *, remove_posts: bool) -> what was removed


_SECTIONS: dict[str, Section] = {}


def register_section(name: str, *, export, erase) -> None:
    """Add an app's data to every export and deletion (called once per app)."""
    _SECTIONS[name] = Section(export=export, erase=erase)


class DeletionMode(models.TextChoices):
    KEEP_POSTS = (
        "keep",
        gettext_lazy("Keep my posts, shown as written by “Former member”"),
    )
    REMOVE_POSTS = (
        "remove",
        gettext_lazy(
            "Remove the text of all my posts (a placeholder keeps each thread readable)"
        ),
    )


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_account_data(user: User) -> dict:
    """Everything the site keeps about `user`, as JSON-ready data."""
    profile = user.profile
    data = {
        "exported_at": _iso(timezone.now()),
        "site": site_settings.NAME,
        "account": {
            "id": user.pk,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {
                "email": address.email,
                "verified": address.verified,
                "primary": address.primary,
            }
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "profile": {
            "display_name": profile.display_name,
            "age_range": profile.age_range,
            "sex": profile.sex,
            "bio": profile.bio,
            "specialty": profile.specialty,
            "specialty_zh_hant": profile.specialty_zh_hant,
            "verified_professional": profile.verified_professional,
            "follow_on_post": profile.follow_on_post,
            "email_frequency": profile.email_frequency,
            "accepts_new_conversations": profile.accepts_new_conversations,
            "notify_without_content": profile.notify_without_content,
            "notify_on_mention": profile.notify_on_mention,
            **profile.comfort.as_fields(),
            "post_count": profile.post_count,
            "suspended_until": _iso(profile.suspended_until),
            "created_at": _iso(profile.created_at),
        },
        "blocked_members": [
            {"member": block.blocked_id, "since": _iso(block.created_at)}
            for block in Block.objects.filter(blocker=user).order_by("created_at")
        ],
        "disclaimer_acknowledgements": [
            {
                "disclaimer": ack.version.disclaimer.name,
                "version": ack.version.label,
                "accepted_at": _iso(ack.created_at),
            }
            for ack in DisclaimerAcknowledgement.objects.filter(user=user)
            .select_related("version__disclaimer")
            .order_by("created_at", "pk")
        ],
    }
    for section in _SECTIONS.values():
        data.update(section.export(user))
    return data


@transaction.atomic
def delete_account(user: User, *, password: str, mode: str) -> dict:
    """Delete `user` for good, after checking their password. Can't be undone.

    KEEP_POSTS: their posts stay, signed "Former member". REMOVE_POSTS: the text
    of every post (and its earlier versions) is erased, leaving placeholders so
    the threads stay readable. Either way likes, follows, notifications, email
    addresses and the profile go.
    """
    errors = {}
    if mode not in DeletionMode.values:
        errors["mode"] = _("Please choose what happens to your posts.")
    if not password or not user.check_password(password):
        errors["password"] = _("That password is not right. Please try again.")
    if errors:
        raise ValidationError(errors, code="invalid")
    user = User.objects.select_for_update().get(pk=user.pk)
    summary = {"mode": mode}
    for section in _SECTIONS.values():
        summary.update(
            section.erase(user, remove_posts=mode == DeletionMode.REMOVE_POSTS)
        )
    # No name or email in the log: only that an account was deleted, and how.
    audit.record(
        None, "member.delete_account", None, after={"member": user.pk, **summary}
    )
    user.delete()
    return summary
