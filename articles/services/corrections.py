"""Readers' "Report an error" requests, and editors closing them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit

from ..models import Article, CorrectionRequest
from ..permissions import check_handle_corrections, check_report_error


@transaction.atomic
def report_error(article: Article, *, actor, message: str) -> CorrectionRequest:
    """Record a reader's correction request on a published article for editors.

    Sending the same message twice (a double click) keeps one request.
    """
    check_report_error(actor)
    if not article.is_visible():
        raise ValidationError(_("This article is not published."), code="not_published")
    message = (message or "").strip()
    if len(message) < CorrectionRequest.MESSAGE_MIN:
        raise ValidationError(
            {
                "message": _(
                    "Please tell us a little more (at least %(min)d characters)."
                )
                % {"min": CorrectionRequest.MESSAGE_MIN}
            }
        )
    existing = CorrectionRequest.objects.filter(
        article=article,
        reporter=actor,
        message=message,
        status=CorrectionRequest.Status.OPEN,
    ).first()
    if existing is not None:
        return existing
    correction = CorrectionRequest(
        article=article,
        revision_id=article.live_revision_id,
        reporter=actor,
        message=message,
    )
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def close_correction(
    correction: CorrectionRequest, *, actor, fixed: bool, note: str = ""
) -> CorrectionRequest:
    """Mark a request fixed or dismissed; closing twice changes nothing."""
    check_handle_corrections(actor)
    correction = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
    if correction.status != CorrectionRequest.Status.OPEN:
        return correction
    correction.status = (
        CorrectionRequest.Status.FIXED if fixed else CorrectionRequest.Status.DISMISSED
    )
    correction.handled_by = actor
    correction.handled_at = timezone.now()
    correction.save(update_fields=["status", "handled_by", "handled_at"])
    audit.record(
        actor,
        f"correction.{correction.status}",
        correction,
        reason=note,
        before={"status": CorrectionRequest.Status.OPEN},
        after={"status": correction.status},
    )
    return correction
