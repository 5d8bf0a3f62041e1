"""Writes about members: creating them, verifying them, editing profiles."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import comfort, pagecache

from .models import Block, Profile, User
from .names import check_display_name, normalize_display_name
from .roles import MEMBERS, ROLE_GROUPS, STAFF_ROLES

MEMBER_EDITABLE_FIELDS = frozenset(
    {
        "display_name",
        "age_range",
        "sex",
        "bio",
        "follow_on_post",
        "email_frequency",
        "accepts_new_conversations",
        "notify_without_content",
        "notify_on_mention",
        "language",
        *comfort.FIELD_NAMES,
    }
)


def validate_display_name(name: str, *, exclude_user: User | None = None) -> str:
    """Return the cleaned display name or raise ValidationError with a clear message."""
    name = normalize_display_name(name)
    if not Profile.DISPLAY_NAME_MIN <= len(name) <= Profile.DISPLAY_NAME_MAX:
        raise ValidationError(
            _("A display name needs between %(min)d and %(max)d characters.")
            % {"min": Profile.DISPLAY_NAME_MIN, "max": Profile.DISPLAY_NAME_MAX},
            code="length",
        )
    if "@" in name:
        raise ValidationError(
            _(
                "Please choose a name that is not an email address: everyone can see it."
            ),
            code="email",
        )
    check_display_name(name, user=exclude_user)
    taken = Profile.objects.filter(display_name__iexact=name)
    if exclude_user is not None:
        taken = taken.exclude(user=exclude_user)
    if taken.exists():
        raise ValidationError(
            _("That display name is taken. Please choose another."), code="taken"
        )
    return name


@transaction.atomic
def create_profile(
    user: User,
    *,
    display_name: str,
    language: str = Profile.Language.ENGLISH,
    settings: comfort.Comfort = comfort.DEFAULT,
) -> Profile:
    """Give a newly signed-up `user` their profile, in the language they signed up
    in, with the comfort settings their device had (`settings`)."""
    if language not in Profile.Language.values:
        language = Profile.Language.ENGLISH
    profile = Profile(
        user=user,
        display_name=validate_display_name(display_name),
        language=language,
        **settings.as_fields(),
    )
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


def join_members(user: User) -> None:
    """A verified email address makes someone a member: they may take part."""
    user.groups.add(Group.objects.get_or_create(name=MEMBERS)[0])


def assign_role(user: User, role: str) -> None:
    """Put `user` in the groups of `role`: member, professional, editor or moderator.

    Editors and moderators work partly in the admin, which needs `is_staff`;
    what they may do there still comes from their group's permissions.
    """
    groups = [Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS[role]]
    user.groups.add(*groups)
    if role in STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


@transaction.atomic
def update_profile(profile: Profile, *, actor: User, **fields) -> Profile:
    """Edit one's own profile. Staff-only fields (verification, specialty) are refused."""
    if actor.pk != profile.user_id:
        raise PermissionDenied(_("You can only edit your own profile."))
    unknown = set(fields) - MEMBER_EDITABLE_FIELDS
    if unknown:
        raise PermissionDenied(
            _("Only staff can change %(fields)s.") % {"fields": sorted(unknown)}
        )
    if "display_name" in fields:
        try:
            fields["display_name"] = validate_display_name(
                fields["display_name"], exclude_user=profile.user
            )
        except ValidationError as error:
            raise ValidationError({"display_name": error.error_list}) from error
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"], validate_constraints=False)
    profile.save(update_fields=sorted(fields))
    pagecache.bump()
    return profile


@transaction.atomic
def set_profile_language(profile: Profile, *, actor: User, language: str) -> Profile:
    """Remember the language `actor` chose for the site and their emails."""
    if profile.language == language:
        return profile
    return update_profile(profile, actor=actor, language=language)


@transaction.atomic
def set_comfort(profile: Profile, *, actor: User, settings: comfort.Comfort) -> Profile:
    """Keep `actor`'s text size, spacing, motion and contrast on their profile.
    Nothing others see changes, so the visitors' page cache is left alone."""
    if actor.pk != profile.user_id:
        raise PermissionDenied(_("You can only edit your own profile."))
    fields = settings.as_fields()
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"], validate_constraints=False)
    profile.save(update_fields=sorted(fields))
    return profile


@transaction.atomic
def block_member(blocked: User, *, actor: User) -> Block:
    """`actor` blocks `blocked`: no messages, no mentions. Blocking twice keeps one."""
    if not actor.is_authenticated or actor.pk == blocked.pk:
        raise PermissionDenied(_("You can't block this member."))
    block, _created = Block.objects.get_or_create(blocker=actor, blocked=blocked)
    return block


@transaction.atomic
def unblock_member(blocked: User, *, actor: User) -> None:
    """Lift `actor`'s block of `blocked` (nothing happens if there was none)."""
    Block.objects.filter(blocker_id=actor.pk, blocked_id=blocked.pk).delete()
