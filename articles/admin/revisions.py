"""Revision pages of the editor: the history, a comparison of two, a restore."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.converters import parse_id

from .. import selectors, services
from ..diff import compare_revisions, summary_line
from ..models import Revision
from .pages import article_or_404, page_context


def revision_history(request, object_id, *, model_admin):
    article = article_or_404(request, model_admin, object_id)
    context = page_context(
        request,
        model_admin,
        article,
        title=_("Revisions of “%(title)s”") % {"title": article.title},
        revisions=list(selectors.revision_history(article)[:200]),
    )
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def compare_two_revisions(request, object_id, *, model_admin):
    article = article_or_404(request, model_admin, object_id)
    revisions = article.revisions.select_related("author__profile")
    try:
        old = revisions.get(pk=parse_id(request.GET.get("a")) or 0)
        new = revisions.get(pk=parse_id(request.GET.get("b")) or 0)
    except (ValueError, Revision.DoesNotExist):
        messages.error(request, _("Choose two revisions of this article to compare."))
        return redirect("admin:articles_article_history", article.pk)
    if old.number > new.number:
        old, new = new, old
    diffs = compare_revisions(old, new)
    context = page_context(
        request,
        model_admin,
        article,
        title=_("Compare revisions %(old)d and %(new)d")
        % {"old": old.number, "new": new.number},
        old=old,
        new=new,
        diffs=diffs,
        summary=summary_line(diffs),
    )
    return TemplateResponse(request, "admin/articles/article/compare.html", context)


def restore_revision(request, object_id, revision_id, *, model_admin):
    if request.method != "POST":
        return redirect("admin:articles_article_history", object_id)
    article = article_or_404(request, model_admin, object_id)
    revision = get_object_or_404(Revision, pk=revision_id, article=article)
    try:
        new = services.restore_revision(article, actor=request.user, revision=revision)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("admin:articles_article_history", article.pk)
    messages.success(
        request,
        _("Revision %(old)d restored as the new draft (revision %(new)d).")
        % {"old": revision.number, "new": new.number},
    )
    return redirect("admin:articles_article_change", article.pk)
