"""The unread-notification count for the header, counted only if a template asks."""

from .selectors import unread_notification_count


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counted: list[int] = []

    def count() -> int:
        # Templates call callables: one query however often the page uses it.
        if not counted:
            counted.append(unread_notification_count(user))
        return counted[0]

    return {"unread_notification_count": count}
