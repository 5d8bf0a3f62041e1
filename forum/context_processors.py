"""Header counts, computed only if a template asks: unread notifications, and for
moderators the open reports plus posts waiting for approval."""

from .permissions import can_moderate
from .selectors import moderation_count, unread_notification_count


def _once(compute):
    # Templates call callables: one computation however often the page uses it.
    done: list = []

    def value():
        if not done:
            done.append(compute())
        return done[0]

    return value


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notification_count": _once(lambda: unread_notification_count(user)),
        # None for non-moderators: the header then shows no moderation link.
        "moderation_queue_count": _once(
            lambda: moderation_count() if can_moderate(user) else None
        ),
    }
