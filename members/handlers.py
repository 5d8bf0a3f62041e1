"""Reactions to other apps' signals: allauth's, and cache invalidation. Nothing else."""

from allauth.account.signals import email_confirmed
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .backends import forget_permissions
from .models import Profile, User
from .services import join_members


@receiver(email_confirmed, dispatch_uid="members-join-on-verified-email")
def join_members_when_email_confirmed(sender, request, email_address, **kwargs) -> None:
    join_members(email_address.user)


def _forget_now_and_after_commit(user_id: int | None) -> None:
    # Now, so this request sees the change; after commit, so no other request
    # cached the old set in between.
    forget_permissions(user_id)
    transaction.on_commit(lambda: forget_permissions(user_id))


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="perms-user-groups")
@receiver(
    m2m_changed, sender=User.user_permissions.through, dispatch_uid="perms-user-perms"
)
def forget_user_permissions(sender, instance, action, reverse, **kwargs) -> None:
    if action.startswith("post_"):
        # From the user's side (user.groups.add) `instance` is a user; from the
        # group's side (group.user_set.add) it may touch many users: forget all.
        _forget_now_and_after_commit(None if reverse else instance.pk)


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="perms-group")
def forget_group_permissions(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        _forget_now_and_after_commit(None)


@receiver(post_save, sender=User, dispatch_uid="perms-user-saved")
def forget_saved_user_permissions(sender, instance, update_fields=None, **kwargs):
    # Logging in saves last_login only: that changes no permission.
    if update_fields is None or {"is_superuser", "is_active"} & set(update_fields):
        _forget_now_and_after_commit(instance.pk)


@receiver(post_delete, sender=Group, dispatch_uid="perms-group-deleted")
@receiver(post_save, sender=Permission, dispatch_uid="perms-permission-saved")
@receiver(post_delete, sender=Permission, dispatch_uid="perms-permission-deleted")
def forget_all_permissions(sender, **kwargs) -> None:
    _forget_now_and_after_commit(None)


@receiver(post_save, sender=Authenticator, dispatch_uid="perms-factor-saved")
@receiver(post_delete, sender=Authenticator, dispatch_uid="perms-factor-deleted")
def forget_permissions_when_factors_change(sender, instance, **kwargs) -> None:
    # A role's permissions wait for a second factor (members.security).
    _forget_now_and_after_commit(instance.user_id)


@receiver(post_save, sender=Profile, dispatch_uid="perms-profile-saved")
def forget_permissions_when_verified(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or "verified_professional" in update_fields:
        _forget_now_and_after_commit(instance.user_id)
