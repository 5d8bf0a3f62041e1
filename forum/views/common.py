"""What every forum view shares: who may post, the composer's submit (preview or
save), and putting service errors on forms."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from core import forms
from core.ratelimits import check_rate
from members.selectors import has_verified_email

from ..permissions import is_new_member
from ..services.reading import flush_read_positions

WAITING = _(
    "Thank you. Your post is waiting for a moderator: only you and the moderators "
    "can see it until it is approved. Nothing you wrote is lost."
)


def _login_next(request) -> str:
    """Where to come back after logging in: this page, or for a POST the page it came from."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("forum:index")


def member_required(view):
    """Visitors are sent to log in; people who haven't confirmed their email are asked to."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(_login_next(request))
        if not has_verified_email(request.user):
            return render(request, "forum/verify_email.html", status=403)
        if request.method == "POST":
            # What they read since the last flush is written with their next change.
            flush_read_positions(request.user.pk)
        return view(request, *args, **kwargs)

    return wrapper


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, so the person keeps their text."""
    forms.add_service_errors(
        form, error, codes={"acknowledgement_required": "accept_terms"}
    )


def check_posting_rate(user, action: str) -> None:
    """Count one post towards the rate limits (issue 5 tunes the rules)."""
    new = is_new_member(user)
    check_rate(action, user, new_member=new)
    check_rate(f"{action}-daily", user, new_member=new)


def submit_composer(request, form, save) -> tuple[str | None, object]:
    """core.forms.submit_composer, with the forum's error mapping."""
    return forms.submit_composer(request, form, save, map_errors=add_service_errors)
