"""The editorial workflow.

    draft ──submit──▶ in review ──publish──▶ published ──unpublish──▶ unpublished
      ▲                  │          └─(future time)─▶ scheduled ──(time)──▶ published
      └──return to draft─┘                               any ──archive──▶ archived

Readers see an article when its status is published or scheduled, its
`publish_at` has passed and its `expire_at` has not (the rule lives in
`selectors.published_articles`). `publish_scheduled` then makes the stored
status honest: scheduled → published, and expired → unpublished, with an
audit row for each, so editors' lists and the audit log match what readers see.
Publishing itself (its preconditions, then the write) is in `publishing`.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit

from ..models import Article
from ..permissions import (
    check_edit_articles,
    check_publish_articles,
    check_return_to_draft,
)
from .common import (
    clean_reason,
    forget_cached_pages,
    lock_article,
    save_article,
)


@transaction.atomic
def submit_for_review(article: Article, *, actor, note: str = "") -> Article:
    """Ask reviewers to check the latest revision. A live page stays live meanwhile."""
    check_edit_articles(actor)
    note = clean_reason(note)
    article = lock_article(article)
    before = article.status
    if article.status not in Article.LIVE_STATUSES:
        article.status = Article.Status.IN_REVIEW
    article.review_requested_at = timezone.now()
    save_article(article, "status", "review_requested_at")
    audit.record(
        actor,
        "article.submit",
        article,
        reason=note,
        before={"status": before},
        after={"status": article.status, "revision": article.latest_revision.number},
    )
    return article


def _record_status(actor, code: str, article: Article, *, before, reason: str) -> None:
    """The audit row of a workflow step that moved the article's status."""
    audit.record(
        actor,
        code,
        article,
        reason=reason,
        before={"status": before},
        after={"status": article.status},
    )


@transaction.atomic
def return_to_draft(article: Article, *, actor, reason: str) -> Article:
    """Send an article in review back to its writers, saying what needs to change."""
    check_return_to_draft(actor)
    reason = clean_reason(reason, required=True)
    article = lock_article(article)
    if article.status != Article.Status.IN_REVIEW and not article.review_requested_at:
        raise ValidationError(
            _("This article is not waiting for review."), code="not_in_review"
        )
    before = article.status
    if article.status == Article.Status.IN_REVIEW:
        article.status = Article.Status.DRAFT
    article.review_requested_at = None
    save_article(article, "status", "review_requested_at")
    _record_status(
        actor, "article.return_to_draft", article, before=before, reason=reason
    )
    return article


@transaction.atomic
def unpublish_article(article: Article, *, actor, reason: str = "") -> Article:
    """Take a published or scheduled article off the site. Its revisions stay."""
    check_publish_articles(actor)
    reason = clean_reason(reason)
    article = lock_article(article)
    if article.status == Article.Status.UNPUBLISHED:
        return article
    if article.status not in Article.LIVE_STATUSES:
        raise ValidationError(_("This article is not published."), code="not_published")
    before = article.status
    now = timezone.now()
    article.status = Article.Status.UNPUBLISHED
    if article.first_published_at and article.first_published_at > now:
        # A schedule cancelled before it came: it was never published.
        article.first_published_at = None
        article.last_published_at = None
    save_article(article, "status", "first_published_at", "last_published_at")
    forget_cached_pages()
    _record_status(actor, "article.unpublish", article, before=before, reason=reason)
    return article


@transaction.atomic
def archive_article(article: Article, *, actor, reason: str = "") -> Article:
    """Retire an article: off the site and out of editors' way, history kept."""
    check_publish_articles(actor)
    reason = clean_reason(reason)
    article = lock_article(article)
    if article.status == Article.Status.ARCHIVED:
        return article
    before = article.status
    article.status = Article.Status.ARCHIVED
    article.featured = False
    article.review_requested_at = None
    save_article(article, "status", "featured", "review_requested_at")
    forget_cached_pages()
    _record_status(actor, "article.archive", article, before=before, reason=reason)
    return article


@transaction.atomic
def set_featured(article: Article, *, actor, featured: bool) -> Article:
    """Show (or stop showing) an article among the featured ones on the library home."""
    check_publish_articles(actor)
    article = lock_article(article)
    if article.featured == featured:
        return article
    article.featured = featured
    save_article(article, "featured")
    forget_cached_pages()
    audit.record(
        actor,
        "article.feature" if featured else "article.unfeature",
        article,
        before={"featured": not featured},
        after={"featured": featured},
    )
    return article


@dataclass
class ScheduledRun:
    went_live: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)


@transaction.atomic
def publish_scheduled(*, now=None) -> ScheduledRun:
    """Flip scheduled articles whose time has come to published, and expired ones to
    unpublished, with an audit row each (actor: the system). Safe to run often."""
    now = now or timezone.now()
    run = ScheduledRun()
    due = Article.objects.select_for_update().filter(
        status=Article.Status.SCHEDULED, publish_at__lte=now
    )
    for article in due:
        article.status = Article.Status.PUBLISHED
        save_article(article, "status")
        audit.record(
            None,
            "article.go_live",
            article,
            before={"status": Article.Status.SCHEDULED},
            after={
                "status": article.status,
                "publish_at": article.publish_at.isoformat(),
            },
        )
        run.went_live.append(article.pk)
    expired = Article.objects.select_for_update().filter(
        status__in=Article.LIVE_STATUSES, expire_at__lte=now
    )
    for article in expired:
        before = article.status
        article.status = Article.Status.UNPUBLISHED
        save_article(article, "status")
        audit.record(
            None,
            "article.expire",
            article,
            before={"status": before},
            after={
                "status": article.status,
                "expire_at": article.expire_at.isoformat(),
            },
        )
        run.expired.append(article.pk)
    if run.went_live or run.expired:
        forget_cached_pages()
    return run
