"""Medical review: a health professional signs off exactly one revision."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.names import local_text

from ..models import Article, ReviewSignOff, Revision, add_years
from ..permissions import check_review_articles

NOTE_MAX = 2000


def default_next_review(kind: str, reviewed_on: datetime.date) -> datetime.date:
    """Three years after the review; one year for drug pages."""
    years = Article.REVIEW_YEARS.get(kind, Article.DEFAULT_REVIEW_YEARS)
    return add_years(reviewed_on, years)


@transaction.atomic
def sign_off_review(
    article: Article,
    *,
    actor,
    revision: Revision,
    note: str = "",
    next_review_due: datetime.date | None = None,
) -> ReviewSignOff:
    """Record that `actor` reviewed `revision` (which must be the latest) today.

    Signing the revision that is already live (a periodic review with no
    changes) updates the live page's review line and next review date at once.
    Signing twice keeps one sign-off.
    """
    check_review_articles(actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if revision.article_id != article.pk:
        raise ValidationError(
            _("That revision belongs to another article."), code="wrong_article"
        )
    if revision.pk != article.latest_revision_id:
        raise ValidationError(
            _(
                "The article was edited after you opened it, so this is no longer "
                "the latest revision. Please review the latest one."
            ),
            code="stale_revision",
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            _("Please keep the note under %(max)d characters.") % {"max": NOTE_MAX},
            code="max_length",
        )
    now = timezone.now()
    today = timezone.localdate(now)
    due = next_review_due or default_next_review(revision.content.get("kind"), today)
    if due <= today:
        raise ValidationError(
            {"next_review_due": _("The next review date must be in the future.")},
            code="past_due",
        )
    existing = ReviewSignOff.objects.filter(revision=revision, reviewer=actor).first()
    if existing is not None:
        return existing
    profile = actor.profile
    sign_off = ReviewSignOff(
        article=article,
        revision=revision,
        reviewer=actor,
        reviewer_name=profile.display_name,
        # In the article's language: the page shows it as signed (core.names).
        reviewer_specialty=local_text(profile, "specialty", language=article.language),
        reviewed_at=now,
        next_review_due=due,
        note=note,
    )
    sign_off.full_clean()
    sign_off.save()
    if revision.pk == article.live_revision_id:
        article.live_review = sign_off
        article.next_review_due = due
        article.save(update_fields=["live_review", "next_review_due"])
    audit.record(
        actor,
        "article.sign_off",
        article,
        reason=note,
        after={"revision": revision.number, "next_review_due": due.isoformat()},
    )
    return sign_off
