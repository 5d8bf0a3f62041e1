"""Nothing typed is lost: a post sent after the session ended waits for its author.

A visitor's POST to a composer (their session expired, or they logged out in
another tab) is kept in their session, which lives on the server: the browser
holds only the session cookie (signed key, HttpOnly). Logging in keeps an
anonymous session's data (Django cycles the key), so after logging in the member
lands back on the same composer, through the login's `next`, with their text
filled in. One text is kept, for FORUM_UNSENT_POST_HOURS (24 by default).
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "forum_unsent_post"
FIELDS = ("title", "body", "reply_to", "quote", "members_only")
MAX_CHARS = 100_000

KEPT = _(
    "Your session had ended, so your post was not sent yet. Log in and it will "
    "be waiting for you in the form."
)
RESTORED = _("Here is what you wrote before logging in. Check it and post it.")


def _max_age() -> int:
    return int(getattr(settings, "FORUM_UNSENT_POST_HOURS", 24)) * 3600


def keep_unsent_post(composer_url):
    """Decorate a composer view: a visitor's POST is kept and they are sent to log in.

    `composer_url(request, **kwargs)` is where to come back: the composer itself.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                request.method == "POST"
                and not request.user.is_authenticated
                and request.POST.get("body", "").strip()
            ):
                url = composer_url(request, **kwargs)
                request.session[SESSION_KEY] = {
                    "path": url.split("?", 1)[0],
                    "saved_at": int(time.time()),
                    "topics": request.POST.getlist("topics")[:20],
                    **{name: request.POST.get(name, "")[:MAX_CHARS] for name in FIELDS},
                }
                messages.info(request, KEPT)
                return redirect_to_login(url)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def take_unsent_post(request) -> dict | None:
    """The text kept for this composer (then forgotten), or None."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    if time.time() - kept.get("saved_at", 0) > _max_age():
        return None
    messages.info(request, RESTORED)
    return kept
