"""The header's unread-messages count, computed only if a template asks (one query;
conversations read a moment ago, still in the cache, count as read)."""

from .permissions import can_use_conversations
from .selectors import unread_total


def unread_messages(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    done: list = []

    def value():
        if not done:
            done.append(unread_total(user) if can_use_conversations(user) else None)
        return done[0]

    return {"unread_message_count": value}
