"""The medical review page: what changed since the live version, and the sign-off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.forms import add_service_errors

from .. import permissions, services
from ..diff import compare_revisions
from ..models import Article, ReviewSignOff, Revision
from .forms import SignOffForm
from .pages import SERVICE_FIELDS, article_or_404, page_context


def review_article(request, object_id, *, model_admin):
    article = article_or_404(request, model_admin, object_id)
    latest = article.latest_revision
    form = SignOffForm(
        request.POST or None, initial={"revision": latest.pk if latest else None}
    )
    if request.method == "POST":
        permissions.check_review_articles(request.user)
        if form.is_valid():
            revision = get_object_or_404(
                Revision, pk=form.cleaned_data["revision"], article=article
            )
            try:
                _sign_off(request, article, revision, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error, fields=SERVICE_FIELDS)
            else:
                return redirect("admin:articles_article_review", article.pk)
    context = page_context(
        request,
        model_admin,
        article,
        title=_("Review “%(title)s”") % {"title": article.title},
        form=form,
        diffs=_changes_since_live(article),
        sign_offs=ReviewSignOff.objects.filter(article=article).select_related(
            "revision"
        )[:20],
    )
    return TemplateResponse(request, "admin/articles/article/review.html", context)


def _sign_off(request, article: Article, revision: Revision, data: dict) -> None:
    services.sign_off_review(
        article,
        actor=request.user,
        revision=revision,
        note=data["note"],
        next_review_due=data["next_review_due"],
    )
    messages.success(
        request, _("Signed off revision %(number)d.") % {"number": revision.number}
    )


def _changes_since_live(article: Article) -> list:
    latest, live = article.latest_revision, article.live_revision
    if latest and live and latest.pk != live.pk:
        return [diff for diff in compare_revisions(live, latest) if diff.changed]
    return []
