"""What the workflow services share: locking and saving an article, reasons,
cache and scheduler hooks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import pagecache
from core.sitemaps import forget_sitemaps
from core.text import clean_text

from ..models import Article
from ..tasks import enqueue_scheduled_run

REASON_MAX = 2000


def lock_article(article: Article) -> Article:
    """`article` again, its row locked until the transaction ends."""
    return (
        Article.objects.select_for_update(of=("self",))
        .select_related("latest_revision")
        .get(pk=article.pk)
    )


def save_article(article: Article, *fields: str) -> None:
    """Save `fields` of an existing article, and when it was last worked on."""
    article.updated_at = timezone.now()
    article.save(update_fields=[*fields, "updated_at"])


def clean_reason(reason: str, *, required: bool = False) -> str:
    """An editor's note or reason: trimmed, NUL-free, at most REASON_MAX characters."""
    reason = clean_text(reason)
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("Please keep the reason under %(max)d characters.") % {"max": REASON_MAX},
            code="max_length",
        )
    if required and not reason:
        raise ValidationError(_("Please say what needs to change."), code="required")
    return reason


def forget_cached_pages() -> None:
    """After a change readers can see: a new content version (now and again after
    commit, `pagecache.bump()`) retires the visitors' pages and the home page's
    article selection kept under the old one; the sitemaps go too."""
    forget_sitemaps()
    pagecache.bump()


def schedule_run(when) -> None:
    """Have the scheduler run at `when`, once this transaction has committed."""
    transaction.on_commit(lambda: enqueue_scheduled_run(when))
