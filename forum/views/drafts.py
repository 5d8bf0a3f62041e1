"""Drafts in the composers: the "Save draft" and "Discard draft" buttons (no
JavaScript needed) and the small endpoint `forum.js` posts to as the member types."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.converters import parse_id
from core.dates import date_format

from ..selectors import list_boards, visible_threads
from ..services import discard_draft, save_draft
from .common import member_required

SAVE = "save_draft"
DISCARD = "discard_draft"


def draft_button(request, url: str, *, board=None, thread=None):
    """The composer's draft buttons, Post/Redirect/Get: a redirect to the composer
    when one was pressed, else None. A refused save keeps the text on the page
    (the caller renders the form) with the reason in a message."""
    if request.method != "POST":
        return None
    if DISCARD in request.POST:
        discard_draft(request.user, board=board, thread=thread)
        messages.success(request, _("Your draft is discarded."))
        return redirect(url)
    if SAVE in request.POST:
        try:
            draft = _save_posted(request, board=board, thread=thread)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return None
        if draft is None:
            messages.info(request, _("There was nothing to keep: no draft saved."))
        else:
            messages.success(
                request,
                _(
                    "Your draft is saved. It waits here, on any device, until you post it."
                ),
            )
        return redirect(url)
    return None


def _save_posted(request, *, board, thread):
    """Keep the title and text the composer posted as the member's draft there."""
    return save_draft(
        request.user,
        board=board,
        thread=thread,
        title=request.POST.get("title", ""),
        body=request.POST.get("body", ""),
    )


def draft_is_back(draft) -> str:
    """The note a composer shows when it is filled from a draft."""
    when = date_format(timezone.localtime(draft.updated_at), "j F Y, H:i")
    return _("Your draft from %(time)s is back.") % {"time": when}


def draft_saved_at(draft) -> str:
    """What the composer says after saving as the member types ("Draft saved at 14:05.")."""
    when = date_format(timezone.localtime(draft.updated_at), "H:i")
    return _("Draft saved at %(time)s.") % {"time": when}


@member_required
@require_POST
def draft_autosave(request):
    """What forum.js sends as the member types: {saved: true, updated_at, status} or
    400. `status` says when, in the page's language and the site's time zone."""
    board = thread = None
    if thread_id := parse_id(request.POST.get("thread", "")):
        thread = get_object_or_404(visible_threads(request.user), pk=thread_id)
    else:
        board = get_object_or_404(list_boards(), slug=request.POST.get("board", ""))
    try:
        draft = _save_posted(request, board=board, thread=thread)
    except ValidationError as error:
        return JsonResponse(
            {"saved": False, "error": " ".join(error.messages)}, status=400
        )
    return JsonResponse(
        {
            "saved": draft is not None,
            "updated_at": draft.updated_at.isoformat() if draft else None,
            "status": draft_saved_at(draft) if draft else "",
        }
    )
