"""Publishing: what must hold first (`check_publish_article`), then the write.

The preconditions read only, so the editor can show what blocks publishing
before anyone presses the button; `publish_article` checks them again on the
locked row and applies them in the same transaction.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, pagecache
from core.signals import content_changed

from .. import content as article_content
from ..models import Article, ReviewSignOff, Revision
from ..permissions import check_publish_articles
from .common import (
    clean_reason,
    forget_cached_pages,
    lock_article,
    save_article,
    schedule_run,
)
from .editing import apply_content


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
    note = clean_reason(note)
    article = lock_article(article)
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
    save_article(
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
    pagecache.content_changed(Article)
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
    forget_cached_pages()
    if plan.scheduling:
        schedule_run(go_live)
    if expire_at is not None:
        schedule_run(expire_at)
