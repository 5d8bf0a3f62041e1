"""Writing articles: create, save a draft (a new revision), restore a revision."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.images import reencode_image

from .. import content as article_content
from ..headings import render_body
from ..models import Article, ArticleRedirect, DrugProfile, Reference, Revision
from ..permissions import check_create_articles, check_edit_articles
from ..validators import validate_hero_image
from .links import index_links


class EditConflict(ValidationError):
    """Someone saved a newer revision since the editor opened the article."""

    def __init__(self, latest: Revision):
        self.latest = latest
        name = str(latest.author) if latest.author_id else _("someone")
        super().__init__(
            _(
                "%(name)s saved a newer version of this article at %(time)s, after "
                "you opened it. Your changes are not saved yet: compare the versions, "
                "then save again to replace theirs, or reload to start from theirs."
            )
            % {
                "name": name,
                "time": timezone.localtime(latest.created_at).strftime("%H:%M"),
            },
            code="conflict",
        )


def _store_hero_image(article: Article | None, upload) -> str:
    """Store the image as Pillow writes it again: no metadata, no hidden payload."""
    try:
        clean = reencode_image(upload)
    except ValidationError as error:
        raise ValidationError({"hero_image": error.error_list}) from error
    field = Article._meta.get_field("hero_image")
    name = field.generate_filename(article, clean.name)
    return default_storage.save(name, clean)


def _prepare(content: dict, *, article: Article | None, hero_upload) -> dict:
    content = article_content.normalize(content)
    if hero_upload is not None:
        validate_hero_image(hero_upload)
        content["hero_image"] = hero_upload.name
    article_content.validate(content, article=article)
    if hero_upload is not None:
        content["hero_image"] = _store_hero_image(article, hero_upload)
    return content


def _new_revision(article: Article, content: dict, *, actor, note: str) -> Revision:
    latest = article.revisions.aggregate(number=Max("number"))["number"] or 0
    revision = Revision(
        article=article,
        number=latest + 1,
        content=content,
        author=actor if actor is not None and actor.pk else None,
        note=note[:200],
    )
    revision.save()
    return revision


def apply_content(article: Article, content: dict, *, publishing: bool = False) -> None:
    """Copy `content` onto the article's rows; render Markdown; update the link index.

    Only the services call this: for articles that are not live on every
    save, for live ones when a revision is published. A published article's
    old slug keeps working as a permanent redirect.
    """
    existing = article.pk is not None
    old_slug = article.slug if existing else ""
    for key in article_content.ROW_FIELDS:
        setattr(article, key, content[key])
    article.channel_id = content["channel_id"]
    article.hero_image = content["hero_image"]
    article.body_html = render_body(content["body"], content["language"])
    article.updated_at = timezone.now()
    if existing:
        article.save(
            update_fields=[
                *article_content.ROW_FIELDS,
                "channel",
                "hero_image",
                "body_html",
                "updated_at",
            ]
        )
    else:
        article.save()
    article.topics.set(content["topic_ids"])
    article.authors.set(content["author_ids"])

    Reference.objects.filter(article=article).delete()
    Reference.objects.bulk_create(
        [
            Reference(article=article, position=position, **ref)
            for position, ref in enumerate(content["references"], start=1)
        ]
    )
    html_parts = [article.body_html]
    if content["kind"] == Article.Kind.DRUG:
        profile = article_content.render_drug_profile(content["drug"], article=article)
        profile.pk = (
            DrugProfile.objects.filter(article=article)
            .values_list("pk", flat=True)
            .first()
        )
        profile.save()
        html_parts.extend(html for _anchor, _heading, html in profile.sections())
    else:
        DrugProfile.objects.filter(article=article).delete()

    if old_slug and old_slug != article.slug and article.first_published_at:
        ArticleRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"article": article}
        )
    # Back on a slug it had before: that redirect would point at itself.
    ArticleRedirect.objects.filter(article=article, old_slug=article.slug).delete()
    if publishing:
        # A newly public page takes over a slug another article left behind.
        ArticleRedirect.objects.filter(old_slug=article.slug).delete()
    index_links(article, html_parts)


@transaction.atomic
def create_article(
    *, actor, content: dict, note: str = "", hero_upload=None
) -> Article:
    """Start an article as a draft with its first revision. The writer is its author."""
    check_create_articles(actor)
    content = _prepare(content, article=None, hero_upload=hero_upload)
    if not content["author_ids"] and actor is not None:
        content["author_ids"] = [actor.pk]
    article = Article(status=Article.Status.DRAFT)
    apply_content(article, content)
    revision = _new_revision(article, content, actor=actor, note=note or _("Created"))
    article.latest_revision = revision
    article.save(update_fields=["latest_revision"])
    audit.record(actor, "article.create", article, after={"revision": revision.number})
    return article


@transaction.atomic
def save_draft(
    article: Article,
    *,
    actor,
    content: dict,
    based_on: int | None = None,
    note: str = "",
    overwrite: bool = False,
    hero_upload=None,
) -> Revision:
    """Save `content` as a new revision; the live page does not change.

    `based_on` is the latest revision id the editor loaded: if someone saved
    since, EditConflict is raised instead of silently overwriting, unless
    `overwrite`. Saving content identical to the latest revision creates none.
    """
    check_edit_articles(actor)
    article = (
        Article.objects.select_for_update(of=("self",))
        .select_related("latest_revision__author__profile")
        .get(pk=article.pk)
    )
    latest = article.latest_revision
    if (
        based_on is not None
        and not overwrite
        and based_on != article.latest_revision_id
    ):
        raise EditConflict(latest)
    content = _prepare(content, article=article, hero_upload=hero_upload)
    if latest is not None and article_content.normalize(latest.content) == content:
        return latest
    revision = _new_revision(article, content, actor=actor, note=note)
    if article.status not in Article.LIVE_STATUSES:
        apply_content(article, content)
    article.latest_revision = revision
    article.updated_at = timezone.now()
    article.save(update_fields=["latest_revision", "updated_at"])
    return revision


@transaction.atomic
def restore_revision(article: Article, *, actor, revision: Revision) -> Revision:
    """Make an old revision's content the newest draft (a new revision; history kept)."""
    check_edit_articles(actor)
    if revision.article_id != article.pk:
        raise ValidationError(
            _("That revision belongs to another article."), code="wrong_article"
        )
    content = article_content.normalize(revision.content)
    new = save_draft(
        article,
        actor=actor,
        content=content,
        note=_("Restored revision %(number)d") % {"number": revision.number},
        overwrite=True,
    )
    audit.record(
        actor,
        "article.restore",
        article,
        before={"revision": revision.number},
        after={"revision": new.number},
    )
    return new
