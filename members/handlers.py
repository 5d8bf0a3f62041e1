"""Reactions to allauth's signals (a third-party app), nothing else."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from .services import join_members


@receiver(email_confirmed, dispatch_uid="members-join-on-verified-email")
def join_members_when_email_confirmed(sender, request, email_address, **kwargs) -> None:
    join_members(email_address.user)
