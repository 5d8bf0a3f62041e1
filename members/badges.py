"""Badges shown beside a member's name: role and verified profession."""

from typing import NamedTuple

from django.utils.translation import gettext as _

from .models import Profile
from .roles import EDITORS, MODERATORS


class Badge(NamedTuple):
    label: str
    kind: str  # css modifier: "role" or "pro"


def badges_for(profile: Profile, group_names: set[str]) -> list[Badge]:
    """Badges for `profile`; `group_names` are the user's group names (prefetched)."""
    badges = []
    if MODERATORS in group_names:
        badges.append(Badge(_("Moderator"), "role"))
    if EDITORS in group_names:
        badges.append(Badge(_("Editor"), "role"))
    if profile.verified_professional:
        badges.append(Badge(professional_badge(profile), "pro"))
    return badges


def professional_badge(profile: Profile) -> str:
    """'Health professional · Dermatology' for verified professionals, else ''."""
    if not profile.verified_professional:
        return ""
    if specialty := profile.local_specialty:
        return _("Health professional · %(specialty)s") % {"specialty": specialty}
    return _("Health professional")
