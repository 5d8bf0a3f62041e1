"""The article editor (add and change), in place of the admin's own change form.

It reads the latest revision, so editing a live article shows the draft, not
the live page, and saves through `services.create_article` / `save_draft`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.forms import add_service_errors

from .. import content as article_content
from .. import services
from ..models import Article, Revision
from .forms import ArticleEditorForm, ReferenceFormSet, references_from
from .pages import SERVICE_FIELDS, article_or_404, page_context

TEMPLATE = "admin/articles/article/editor.html"


def add_article(request, *, model_admin) -> TemplateResponse:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    return _editor(request, model_admin, None)


def edit_article(request, object_id, *, model_admin):
    article = article_or_404(request, model_admin, object_id)
    if not model_admin.has_change_permission(request, article):
        return redirect("admin:articles_article_review", article.pk)
    return _editor(request, model_admin, article)


def _editor(request, model_admin, article: Article | None):
    latest = article.latest_revision if article else None
    previous = article_content.normalize(latest.content) if latest else None
    conflict = None
    if request.method == "POST":
        form = ArticleEditorForm(request.POST, request.FILES)
        refs = ReferenceFormSet(request.POST, prefix="refs")
        if form.is_valid() and refs.is_valid():
            try:
                article, revision = _save(request, article, form, refs, previous)
            except services.EditConflict as error:
                conflict = error.latest
                form.add_error(None, error)
            except ValidationError as error:
                add_service_errors(form, error, fields=SERVICE_FIELDS)
            else:
                return _saved(request, article, revision)
    else:
        form, refs = _unbound_forms(previous, latest)
    context = page_context(
        request,
        model_admin,
        article,
        title=_title(article, previous),
        form=form,
        refs=refs,
        conflict=conflict,
        hero_image=(previous or {}).get("hero_image", ""),
    )
    return TemplateResponse(request, TEMPLATE, context)


def _unbound_forms(previous: dict | None, latest: Revision | None) -> tuple:
    """The editor's form and references, filled from the latest revision."""
    content = previous or article_content.empty_content()
    form = ArticleEditorForm(
        initial=ArticleEditorForm.initial_from(
            content, based_on=latest.pk if latest else None
        )
    )
    return form, ReferenceFormSet(initial=content["references"], prefix="refs")


def _save(request, article, form, refs, previous) -> tuple[Article, Revision]:
    """Create the article, or save a new draft of it, from the valid forms."""
    data = form.cleaned_data
    base = None
    if article is not None and data["based_on"]:
        base = Revision.objects.filter(article=article, pk=data["based_on"]).first()
    content = form.to_content(base.content if base else previous, references_from(refs))
    if article is None:
        article = services.create_article(
            actor=request.user,
            content=content,
            note=data["note"],
            hero_upload=data["hero_image"],
        )
        return article, article.latest_revision
    revision = services.save_draft(
        article,
        actor=request.user,
        content=content,
        based_on=data["based_on"],
        note=data["note"],
        overwrite=data["overwrite"],
        hero_upload=data["hero_image"],
    )
    return article, revision


def _saved(request, article: Article, revision: Revision) -> HttpResponseRedirect:
    """Say what was saved, then go where the button pressed asked to."""
    message = _("Saved as revision %(number)d.") % {"number": revision.number}
    if article.is_visible():
        message += " " + _("Readers still see the published version.")
    messages.success(request, message)
    if "_preview" in request.POST:
        return redirect("articles:preview", revision.pk)
    if "_continue" in request.POST:
        return redirect("admin:articles_article_change", article.pk)
    return redirect("admin:articles_article_changelist")


def _title(article: Article | None, previous: dict | None) -> str:
    if article is None:
        return _("Add article")
    return _("Edit “%(title)s”") % {
        "title": (previous or {}).get("title") or article.title
    }
