"""Authentication backend: allauth's email login, with cheaper per-request lookups.

Every signed-in request loads the user (with the profile the header shows, in
one query) and, on most pages, asks for a permission. Permissions come from
the cache; `members.handlers` forgets them whenever groups, permissions or the
user change.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.models import Permission
from django.core.cache import cache

from .models import User
from .roles import MEMBERS
from .security import needs_second_factor

PERMISSIONS_TTL = 300


VERSION_KEY = "perms:version"


def permissions_key(user_id: int) -> str:
    return f"perms:user:{user_id}"


def _cached_permissions(user_id: int) -> tuple[int, set[str] | None]:
    """The permissions' version and this user's cached set if it is of that version:
    one round trip (the set is stored beside the version it was computed under)."""
    key = permissions_key(user_id)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY) or 1
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return version, stored[1]
    return version, None


def forget_permissions(user_id: int | None = None) -> None:
    """Forget one user's cached permissions, or everyone's (user_id None)."""
    if user_id is None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)
    else:
        cache.delete(permissions_key(user_id))


def members_permissions() -> set[str]:
    """What every member may do: the Members group's permissions."""
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.filter(
            group__name=MEMBERS
        ).values_list("content_type__app_label", "codename")
    }


class MemberBackend(AuthenticationBackend):
    def get_user(self, user_id):
        user = User.objects.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            version, perms = _cached_permissions(user_obj.pk)
            if perms is None:
                perms = super().get_all_permissions(user_obj)
                if perms and needs_second_factor(user_obj):
                    # A role's powers wait for a second factor (members.security).
                    perms = perms & members_permissions()
                cache.set(
                    permissions_key(user_obj.pk), (version, perms), PERMISSIONS_TTL
                )
            user_obj._perm_cache = perms
        return user_obj._perm_cache
