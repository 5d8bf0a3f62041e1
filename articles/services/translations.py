"""Translations: an article in another language, linked to the original's group.

A translation is an article of its own: it starts as a draft with its own first
revision, and is reviewed, signed off and published like any other. Publishing
one never publishes another.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.languages import Language

from .. import content as article_content
from ..models import Article
from ..permissions import check_create_articles
from .editing import create_article


def _free_slug(base: str, language: str) -> str:
    """`base` with the language added, and a number if that is taken too."""
    stem = f"{base}-{language}"[: Article.TITLE_MAX - 4]
    slug, number = stem, 2
    while Article.objects.filter(slug=slug).exists():
        slug, number = f"{stem}-{number}", number + 1
    return slug


@transaction.atomic
def create_translation(article: Article, *, actor, language: str) -> Article:
    """Start a draft translation of `article` into `language`, in `article`'s group.

    The draft begins as a copy of the original's latest revision, in the new
    language, for the translator to rewrite. A group holds one article per
    language: asking for a second raises ValidationError on "language".
    """
    check_create_articles(actor)
    if language not in dict(Language.CHOICES):
        raise ValidationError(
            {"language": _("Choose a language the site offers.")}, code="invalid"
        )
    article = (
        Article.objects.select_for_update(of=("self",))
        .select_related("latest_revision")
        .get(pk=article.pk)
    )
    if article.language == language:
        raise ValidationError(
            {"language": _("The article is already written in that language.")},
            code="same_language",
        )
    if article.translation_group is None:
        article.translation_group = uuid.uuid4()
        article.save(update_fields=["translation_group"])
    elif Article.objects.filter(
        translation_group=article.translation_group, language=language
    ).exists():
        raise ValidationError(
            {"language": _("This article already has a translation in that language.")},
            code="translation_exists",
        )
    source = (
        article.latest_revision.content
        if article.latest_revision_id
        else article_content.snapshot(article)
    )
    content = article_content.normalize(source)
    content.update(language=language, slug=_free_slug(article.slug, language))
    translation = create_article(
        actor=actor,
        content=content,
        note=_("Translation of “%(title)s” started") % {"title": article.title},
    )
    translation.translation_group = article.translation_group
    translation.save(update_fields=["translation_group"])
    audit.record(
        actor,
        "article.translate",
        translation,
        after={"translation_of": article.pk, "language": language},
    )
    return translation
