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


def permissions_version() -> int:
    return cache.get_or_set("perms:version", 1, None)


def permissions_key(user_id: int) -> str:
    return f"perms:{permissions_version()}:{user_id}"


def forget_permissions(user_id: int | None = None) -> None:
    """Forget one user's cached permissions, or everyone's (user_id None)."""
    if user_id is None:
        try:
            cache.incr("perms:version")
        except ValueError:
            cache.set("perms:version", 2, None)
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
            key = permissions_key(user_obj.pk)
            perms = cache.get(key)
            if perms is None:
                perms = super().get_all_permissions(user_obj)
                if perms and needs_second_factor(user_obj):
                    # A role's powers wait for a second factor (members.security).
                    perms = perms & members_permissions()
                cache.set(key, perms, PERMISSIONS_TTL)
            user_obj._perm_cache = perms
        return user_obj._perm_cache
