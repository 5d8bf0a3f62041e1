"""The editorial workflow.

    draft ──submit──▶ in review ──publish──▶ published ──unpublish──▶ unpublished
      ▲                  │          └─(future time)─▶ scheduled ──(time)──▶ published
      └──return to draft─┘                               any ──archive──▶ archived

Readers see an article when its status is published or scheduled, its
`publish_at` has passed and its `expire_at` has not (the rule lives in
`selectors.published_articles`). `publish_scheduled` then makes the stored
status honest: scheduled → published, and expired → unpublished, with an
audit row for each, so editors' lists and the audit log match what readers see.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.signals import content_changed
from core.text import clean_text

from .. import content as article_content
from .. import selectors
from ..models import Article, ReviewSignOff, Revision
from ..permissions import (
    check_edit_articles,
    check_publish_articles,
    check_return_to_draft,
)
from .editing import apply_content

REASON_MAX = 2000


def _lock(article: Article) -> Article:
    return (
        Article.objects.select_for_update(of=("self",))
        .select_related("latest_revision")
        .get(pk=article.pk)
    )


def _save(article: Article, *fields: str) -> None:
    article.updated_at = timezone.now()
    article.save(update_fields=[*fields, "updated_at"])


def _clean_reason(reason: str, *, required: bool = False) -> str:
    reason = clean_text(reason)
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("Please keep the reason under %(max)d characters.") % {"max": REASON_MAX},
            code="max_length",
        )
    if required and not reason:
        raise ValidationError(_("Please say what needs to change."), code="required")
    return reason


def _forget_cached_pages() -> None:
    # Now, and again after commit: a request between the two could cache the
    # old state from outside this transaction.
    selectors.forget_home_articles()
    transaction.on_commit(selectors.forget_home_articles)


def _schedule_run(when) -> None:
    from ..tasks import enqueue_scheduled_run

    transaction.on_commit(lambda: enqueue_scheduled_run(when))


@transaction.atomic
def submit_for_review(article: Article, *, actor, note: str = "") -> Article:
    """Ask reviewers to check the latest revision. A live page stays live meanwhile."""
    check_edit_articles(actor)
    note = _clean_reason(note)
    article = _lock(article)
    before = article.status
    if article.status not in Article.LIVE_STATUSES:
        article.status = Article.Status.IN_REVIEW
    article.review_requested_at = timezone.now()
    _save(article, "status", "review_requested_at")
    audit.record(
        actor,
        "article.submit",
        article,
        reason=note,
        before={"status": before},
        after={"status": article.status, "revision": article.latest_revision.number},
    )
    return article


@transaction.atomic
def return_to_draft(article: Article, *, actor, reason: str) -> Article:
    """Send an article in review back to its writers, saying what needs to change."""
    check_return_to_draft(actor)
    reason = _clean_reason(reason, required=True)
    article = _lock(article)
    if article.status != Article.Status.IN_REVIEW and not article.review_requested_at:
        raise ValidationError(
            _("This article is not waiting for review."), code="not_in_review"
        )
    before = article.status
    if article.status == Article.Status.IN_REVIEW:
        article.status = Article.Status.DRAFT
    article.review_requested_at = None
    _save(article, "status", "review_requested_at")
    audit.record(
        actor,
        "article.return_to_draft",
        article,
        reason=reason,
        before={"status": before},
        after={"status": article.status},
    )
    return article


@dataclass(frozen=True)
class PublishPlan:
    """What publishing would do, worked out by `check_publish_article`."""

    revision: Revision
    content: dict
    sign_off: ReviewSignOff | None
    now: datetime.datetime
    go_live: datetime.datetime
    scheduling: bool
    visible: bool
    new_revision: bool
    unchanged: bool  # published twice (a double click): nothing to write


def check_publish_article(
    article: Article, *, actor, publish_at=None, expire_at=None, now=None
) -> PublishPlan:
    """Raise PermissionDenied or ValidationError if `actor` can't publish `article`
    now (or at `publish_at`); otherwise say what publishing would do. Reads only.

    Guides and drug pages need a reviewer's sign-off of exactly the latest
    revision: an edit after the sign-off needs a new one. A page that is live
    already can take its changes now, not later (unpublish it first to reschedule).
    """
    check_publish_articles(actor)
    now = now or timezone.now()
    scheduling = publish_at is not None and publish_at > now
    go_live = publish_at if scheduling else now
    if expire_at is not None and expire_at <= go_live:
        raise ValidationError(
            {"expire_at": _("The expiry time must be after the publication time.")},
            code="expire_before_publish",
        )
    revision = article.latest_revision
    if revision is None:
        raise ValidationError(_("This article has no content yet."), code="empty")
    visible = article.is_visible(now)
    if scheduling and visible:
        raise ValidationError(
            _(
                "This article is live. Publish the changes now, or unpublish it "
                "before scheduling them."
            ),
            code="live",
        )
    content = article_content.normalize(revision.content)
    sign_off = revision.sign_offs.order_by("-reviewed_at", "-pk").first()
    plan = PublishPlan(
        revision=revision,
        content=content,
        sign_off=sign_off,
        now=now,
        go_live=go_live,
        scheduling=scheduling,
        visible=visible,
        new_revision=revision.pk != article.live_revision_id,
        unchanged=visible
        and article.status == Article.Status.PUBLISHED
        and revision.pk == article.live_revision_id
        and expire_at == article.expire_at,
    )
    if plan.unchanged:
        return plan
    article_content.check_publishable(content)
    if content["kind"] in Article.MEDICAL_KINDS and sign_off is None:
        raise ValidationError(
            _(
                "A health professional must sign off the latest revision before it "
                "is published. If it was signed off before, it has been edited since."
            ),
            code="needs_review",
        )
    if Article.objects.exclude(pk=article.pk).filter(slug=content["slug"]).exists():
        raise ValidationError(
            {
                "slug": _(
                    "Another article already uses this slug. Please choose another."
                )
            },
            code="slug_taken",
        )
    return plan


def publish_blockers(article: Article, *, actor) -> list[str]:
    """What stops `actor` publishing `article` now, in plain words; empty if nothing.

    The first problem found, so the editor sees it before pressing "Publish".
    """
    try:
        check_publish_article(article, actor=actor, expire_at=article.expire_at)
    except PermissionDenied as error:
        return [str(error)]
    except ValidationError as error:
        return error.messages
    return []


@transaction.atomic
def publish_article(
    article: Article, *, actor, publish_at=None, expire_at=None, note: str = ""
) -> Article:
    """Make the latest revision the live page, now or at `publish_at`.

    `check_publish_article` says whether it may; `_apply_publish` writes it.
    """
    check_publish_articles(actor)
    note = _clean_reason(note)
    article = _lock(article)
    plan = check_publish_article(
        article, actor=actor, publish_at=publish_at, expire_at=expire_at
    )
    if plan.unchanged:
        return article
    _apply_publish(article, plan, actor=actor, expire_at=expire_at, note=note)
    return article


def _apply_publish(
    article: Article, plan: PublishPlan, *, actor, expire_at, note: str
) -> None:
    """Write what `plan` says onto the locked `article`, with its audit row."""
    now, go_live = plan.now, plan.go_live
    revision, sign_off = plan.revision, plan.sign_off
    before = {
        "status": article.status,
        "revision": article.live_revision.number if article.live_revision else None,
    }
    apply_content(article, plan.content, publishing=True)
    article.status = (
        Article.Status.SCHEDULED if plan.scheduling else Article.Status.PUBLISHED
    )
    if not plan.visible:
        article.publish_at = go_live
    article.expire_at = expire_at
    never_live = article.first_published_at is None or article.first_published_at > now
    if never_live:
        article.first_published_at = go_live
    if plan.new_revision or never_live or article.last_published_at is None:
        article.last_published_at = go_live
    article.live_revision = revision
    article.live_review = sign_off
    article.next_review_due = sign_off.next_review_due if sign_off else None
    article.review_requested_at = None
    _save(
        article,
        "status",
        "publish_at",
        "expire_at",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "live_review",
        "next_review_due",
        "review_requested_at",
    )
    content_changed.send(sender=Article, instance=article)
    audit.record(
        actor,
        "article.schedule" if plan.scheduling else "article.publish",
        article,
        reason=note,
        before=before,
        after={
            "status": article.status,
            "revision": revision.number,
            "publish_at": article.publish_at.isoformat(),
            "expire_at": expire_at.isoformat() if expire_at else None,
        },
    )
    _forget_cached_pages()
    if plan.scheduling:
        _schedule_run(go_live)
    if expire_at is not None:
        _schedule_run(expire_at)


@transaction.atomic
def unpublish_article(article: Article, *, actor, reason: str = "") -> Article:
    """Take a published or scheduled article off the site. Its revisions stay."""
    check_publish_articles(actor)
    reason = _clean_reason(reason)
    article = _lock(article)
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
    _save(article, "status", "first_published_at", "last_published_at")
    _forget_cached_pages()
    audit.record(
        actor,
        "article.unpublish",
        article,
        reason=reason,
        before={"status": before},
        after={"status": article.status},
    )
    return article


@transaction.atomic
def archive_article(article: Article, *, actor, reason: str = "") -> Article:
    """Retire an article: off the site and out of editors' way, history kept."""
    check_publish_articles(actor)
    reason = _clean_reason(reason)
    article = _lock(article)
    if article.status == Article.Status.ARCHIVED:
        return article
    before = article.status
    article.status = Article.Status.ARCHIVED
    article.featured = False
    article.review_requested_at = None
    _save(article, "status", "featured", "review_requested_at")
    _forget_cached_pages()
    audit.record(
        actor,
        "article.archive",
        article,
        reason=reason,
        before={"status": before},
        after={"status": article.status},
    )
    return article


@transaction.atomic
def set_featured(article: Article, *, actor, featured: bool) -> Article:
    """Show (or stop showing) an article among the featured ones on the library home."""
    check_publish_articles(actor)
    article = _lock(article)
    if article.featured == featured:
        return article
    article.featured = featured
    _save(article, "featured")
    _forget_cached_pages()
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
        _save(article, "status")
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
        _save(article, "status")
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
        _forget_cached_pages()
    return run
