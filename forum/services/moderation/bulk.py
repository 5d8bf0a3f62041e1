"""One post action from the catalogue, applied to several posts of the queue."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import User

from ...models import Post
from ...permissions import check_moderate
from .actions import BULK_ACTIONS
from .common import clean_reason


@transaction.atomic
def bulk_moderate(
    posts: Iterable[Post], *, actor: User, action: str, reason: str = ""
) -> tuple[int, list[str]]:
    """Apply one post action to several posts; (how many done, why others were skipped).

    `action` is the key of a bulk action in the catalogue. A post whose state
    doesn't fit (approving a published post, say) is skipped and explained; the
    others still happen, each with its own audit row.
    """
    check_moderate(actor)
    chosen = BULK_ACTIONS.get(action)
    if chosen is None:
        raise ValidationError(
            {"action": _("Please choose an action from the list.")}, code="action"
        )
    if chosen.reason_required:
        clean_reason(reason, required=True)
    done, skipped = 0, []
    for post in posts:
        try:
            with transaction.atomic():
                chosen.perform(actor=actor, post=post, reason=reason)
        except ValidationError as error:
            skipped.append(
                _("Post #%(pk)s: %(why)s")
                % {"pk": post.pk, "why": " ".join(error.messages)}
            )
        except PermissionDenied:
            raise
        else:
            done += 1
    return done, skipped
