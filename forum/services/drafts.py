"""Drafts: saving what a member is writing (button or autosave), discarding it.

A draft is deleted when its text is posted: `start_thread` and `create_reply`
call `discard_draft` in their transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import User

from ..models import Board, Draft, Post, Thread
from ..permissions import check_save_draft


def _place(board: Board | None, thread: Thread | None) -> dict:
    if (board is None) == (thread is None):
        raise ValueError("A draft belongs to a board (new thread) or a thread (reply).")
    return {"board": board} if board is not None else {"thread": thread}


@transaction.atomic
def save_draft(
    actor: User,
    *,
    board: Board | None = None,
    thread: Thread | None = None,
    title: str = "",
    body: str = "",
) -> Draft | None:
    """Keep `actor`'s text for this place (one draft per place; saving again
    replaces it). Nothing typed: the draft is discarded and None returned."""
    check_save_draft(actor)
    place = _place(board, thread)
    title = (title or "").strip() if board is not None else ""
    body = body or ""
    if len(body) > Post.BODY_MAX or len(title) > Thread.TITLE_MAX:
        raise ValidationError(
            _("This draft is too long to keep. Please shorten it."), code="too_long"
        )
    if not title and not body.strip():
        discard_draft(actor, **place)
        return None
    draft, _created = Draft.objects.update_or_create(
        author=actor,
        **place,
        defaults={"title": title, "body": body, "updated_at": timezone.now()},
    )
    return draft


@transaction.atomic
def discard_draft(
    actor: User, *, board: Board | None = None, thread: Thread | None = None
) -> int:
    """Forget `actor`'s draft for this place (posted or thrown away); idempotent."""
    deleted, _by_model = Draft.objects.filter(
        author_id=actor.pk, **_place(board, thread)
    ).delete()
    return deleted
