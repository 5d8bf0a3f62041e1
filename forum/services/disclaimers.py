"""The forum's use of the one disclaimer mechanism (`core.disclaimers`)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import disclaimers
from core.models import Disclaimer, DisclaimerVersion

from ..models import Board, Thread


def versions_for_new_thread(board: Board) -> list[DisclaimerVersion]:
    """What a thread started now on `board` records: site, forum and the board's own."""
    own = (board.disclaimer_id,) if board.disclaimer_id else ()
    return disclaimers.versions_in_force(
        Disclaimer.Scope.SITE, Disclaimer.Scope.FORUM, disclaimer_ids=own
    )


def record_thread_disclaimers(thread: Thread) -> list[DisclaimerVersion]:
    """Attach the versions in force to a new thread. Later versions never change it."""
    versions = versions_for_new_thread(thread.board)
    thread.disclaimer_versions.set(versions)
    return versions


def accept_posting_terms(user, accepted_version_ids: Iterable[int]) -> None:
    """Before a first post (and after a new major version), `user` must accept the
    current community guidelines and forum disclaimer; record it when they did."""
    pending = disclaimers.pending_acknowledgements(user)
    if not pending:
        return
    accepted = {int(pk) for pk in accepted_version_ids}
    if not {version.pk for version in pending} <= accepted:
        raise ValidationError(
            _(
                "Please confirm that you have read and accept the community "
                "guidelines and the forum disclaimer shown above the form."
            ),
            code="acknowledgement_required",
        )
    disclaimers.acknowledge(user, pending)
