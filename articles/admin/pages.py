"""What every page of the article editor shares: finding the article, the context.

The pages themselves (editor, workflow, review, revisions) are views in the
modules beside this one; `ArticleAdmin` wires them up with its permissions.
"""

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from core.converters import parse_id
from core.languages import Language

from .. import permissions, selectors, services
from ..models import Article

# The services name some fields by their ids; the editor's form by the object.
SERVICE_FIELDS = {
    "channel_id": "channel",
    "topic_ids": "topics",
    "author_ids": "authors",
}


def article_or_404(request, model_admin: ModelAdmin, object_id) -> Article:
    """The article behind `object_id`, if this person may at least see it."""
    object_id = parse_id(object_id)
    if object_id is None:
        raise Http404(_("No article with that id."))
    article = (
        Article.objects.select_related(
            "channel",
            "live_revision",
            "latest_revision__author__profile",
            "live_review",
        )
        .filter(pk=object_id)
        .first()
    )
    if article is None:
        raise Http404(_("No article with that id."))
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article


def back_to_article(request, model_admin: ModelAdmin, article) -> HttpResponseRedirect:
    """The editor for people who may edit, the review page for the others."""
    if model_admin.has_change_permission(request, article):
        return redirect("admin:articles_article_change", article.pk)
    return redirect("admin:articles_article_review", article.pk)


def page_context(
    request, model_admin: ModelAdmin, article: Article | None, **extra
) -> dict:
    """The admin's context, what this person may do, and where the article stands."""
    user = request.user
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "app_label": model_admin.opts.app_label,
        "article": article,
        "can_edit": permissions.can_edit_articles(user),
        "can_review": permissions.can_review_articles(user),
        "can_publish": permissions.can_publish_articles(user),
        "can_return": permissions.can_return_to_draft(user),
        "time_zone": timezone.get_current_timezone_name(),
    }
    if article is not None:
        context.update(_article_state(article))
        if context["can_publish"]:
            context["publish_blockers"] = services.publish_blockers(article, actor=user)
    context.update(extra)
    return context


def _article_state(article: Article) -> dict:
    latest = article.latest_revision
    latest_sign_off = selectors.latest_sign_off(latest)
    return {
        "latest": latest,
        "latest_sign_off": latest_sign_off,
        "needs_review": bool(latest)
        and latest.content.get("kind") in Article.MEDICAL_KINDS
        and latest_sign_off is None,
        "is_visible": article.is_visible(),
        "workflow_label": article.workflow_label(),
        "in_review": article.status == Article.Status.IN_REVIEW
        or bool(article.review_requested_at),
        "is_live_status": article.status in Article.LIVE_STATUSES,
        **_translation_state(article),
    }


def _translation_state(article: Article) -> dict:
    """The article's group (itself and its translations) and the languages it lacks."""
    group = selectors.translation_group(article)
    present = {member.language for member in group}
    return {
        "translation_group": group,
        "untranslated_languages": [
            (code, name) for code, name in Language.CHOICES if code not in present
        ],
    }
