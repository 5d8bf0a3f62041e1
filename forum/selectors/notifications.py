"""Reads of a member's notifications: the list and the header's unread count."""

from django.db.models import QuerySet

from ..models import Notification


def list_notifications(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=user.pk).select_related(
        "actor__profile", "thread", "post", "report__member__profile"
    )


def unread_notification_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(
        recipient_id=user.pk, read_at__isnull=True
    ).count()
