"""What the forum tells members.community about two members having talked."""

from django.db.models import Q

from .models import Notification

_EXCHANGES = (
    Notification.Kind.REPLY,
    Notification.Kind.QUOTE,
    Notification.Kind.MENTION,
)


def have_answered(user_id: int, other_id: int) -> bool:
    """True when one replied to, quoted or mentioned the other in a post."""
    return Notification.objects.filter(
        Q(recipient_id=user_id, actor_id=other_id)
        | Q(recipient_id=other_id, actor_id=user_id),
        kind__in=_EXCHANGES,
    ).exists()
