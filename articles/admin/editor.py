"""The article editor (add and change), in place of the admin's own change form.

It reads the latest revision, so editing a live article shows the draft, not
the live page, and saves through `services.create_article` / `save_draft`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import add_service_errors

from .. import content as article_content
from .. import services
from ..models import Article, Revision
from ..permissions import check_publish_articles
from .forms import (
    ArticleEditorForm,
    ReferenceFormSet,
    SaveScheduleForm,
    references_from,
)
from .pages import SERVICE_FIELDS, article_or_404, page_context
from .workflow import STEPS

TEMPLATE = "admin/articles/article/editor.html"

# "Save and …" buttons of the editor → the workflow step taken after saving.
STEP_BUTTONS = {"_submit": "submit", "_publish": "publish", "_schedule": "schedule"}
# Buttons only people who may publish see; a crafted POST of one is refused.
PUBLISH_BUTTONS = ("_publish", "_schedule")

KIND_DESCRIPTIONS = {
    Article.Kind.NEWS: gettext_lazy(
        "What is new in the library or in research. Text and references; "
        "no medical sign-off needed."
    ),
    Article.Kind.GUIDE: gettext_lazy(
        "A condition or a treatment explained. Text and references; a health "
        "professional signs it off before it is published."
    ),
    Article.Kind.DRUG: gettext_lazy(
        "One medicine: an overview plus sections for brand names, indications, "
        "dosing, side effects, contraindications, pregnancy, interactions and "
        "monitoring. Signed off, then reviewed every year."
    ),
    Article.Kind.QA_DIGEST: gettext_lazy(
        "Questions from the forum with their answers, gathered and edited into "
        "one page. Text and references; no medical sign-off needed."
    ),
}


def add_article(request, *, model_admin) -> TemplateResponse:
    """A new article: first the kind (each has its own fields), then the editor."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    kind = request.GET.get("kind")
    if kind not in Article.Kind.values:
        if request.method == "POST":  # an older form without the kind in its address
            kind = request.POST.get("kind")
        if kind not in Article.Kind.values:
            return _choose_kind(request, model_admin)
    return _editor(request, model_admin, None, kind=kind)


def edit_article(request, object_id, *, model_admin):
    article = article_or_404(request, model_admin, object_id)
    if not model_admin.has_change_permission(request, article):
        return redirect("admin:articles_article_review", article.pk)
    return _editor(request, model_admin, article)


def _choose_kind(request, model_admin) -> TemplateResponse:
    context = page_context(
        request,
        model_admin,
        None,
        title=_("Add article: what are you writing?"),
        choose_kind=True,
        kinds=[
            (value, label, KIND_DESCRIPTIONS[value])
            for value, label in Article.Kind.choices
            if value in KIND_DESCRIPTIONS
        ],
    )
    return TemplateResponse(request, TEMPLATE, context)


def _editor(request, model_admin, article: Article | None, *, kind: str = ""):
    latest = article.latest_revision if article else None
    previous = article_content.normalize(latest.content) if latest else None
    kind = previous["kind"] if previous else kind
    conflict = None
    if request.method == "POST":
        if any(name in request.POST for name in PUBLISH_BUTTONS):
            check_publish_articles(request.user)
        form = ArticleEditorForm(request.POST, request.FILES, kind=kind)
        refs = ReferenceFormSet(request.POST, prefix="refs")
        schedule = SaveScheduleForm(request.POST)
        if form.is_valid() and refs.is_valid():
            try:
                article, revision = _save(request, article, form, refs, previous)
            except services.EditConflict as error:
                conflict = error.latest
                form.add_error(None, error)
            except ValidationError as error:
                add_service_errors(form, error, fields=SERVICE_FIELDS)
            else:
                return _saved(request, article, revision, schedule)
    else:
        form, refs = _unbound_forms(previous, latest, kind=kind)
        schedule = SaveScheduleForm()
    context = page_context(
        request,
        model_admin,
        article,
        title=_title(article, previous),
        form=form,
        refs=refs,
        schedule=schedule,
        conflict=conflict,
        hero_image=(previous or {}).get("hero_image", ""),
        needs_sign_off=kind in Article.MEDICAL_KINDS,
    )
    return TemplateResponse(request, TEMPLATE, context)


def _unbound_forms(previous: dict | None, latest: Revision | None, *, kind) -> tuple:
    """The editor's form and references, filled from the latest revision."""
    content = previous or {**article_content.empty_content(), "kind": kind}
    form = ArticleEditorForm(
        initial=ArticleEditorForm.initial_from(
            content, based_on=latest.pk if latest else None
        ),
        kind=kind,
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


def _saved(
    request, article: Article, revision: Revision, schedule: SaveScheduleForm
) -> HttpResponseRedirect:
    """Say what was saved, take the workflow step asked for, then go where the
    button pressed asked to."""
    message = _("Saved as revision %(number)d.") % {"number": revision.number}
    step = next(
        (STEP_BUTTONS[name] for name in STEP_BUTTONS if name in request.POST), None
    )
    if article.is_visible() and step != "publish":
        message += " " + _("Readers still see the published version.")
    messages.success(request, message)
    if step is not None:
        _take_step(request, article, step, schedule)
        return redirect("admin:articles_article_change", article.pk)
    if "_preview" in request.POST:
        return redirect("articles:preview", revision.pk)
    if "_continue" in request.POST:
        return redirect("admin:articles_article_change", article.pk)
    return redirect("admin:articles_article_changelist")


def _take_step(
    request, article: Article, step: str, schedule: SaveScheduleForm
) -> None:
    """The workflow step of a "Save and …" button, as the workflow panel runs it.

    The draft is saved already: a step that can't be taken (no time to schedule
    at, no sign-off yet) says why and leaves the draft as it is.
    """
    run, done = STEPS[step]
    article.refresh_from_db()
    # "Save and publish" keeps the expiry already set, as the panel's form does.
    data = {"reason": "", "publish_at": None, "expire_at": article.expire_at}
    if step == "schedule":
        if not schedule.is_valid():
            for errors in schedule.errors.values():
                for message in errors:
                    messages.error(request, message)
            return
        data.update(schedule.cleaned_data)
    try:
        run(article, request.user, data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return
    if step == "schedule":
        done = _("Scheduled: it goes live on %(when)s (time zone %(tz)s).") % {
            "when": date_format(timezone.localtime(data["publish_at"]), "j M Y H:i"),
            "tz": timezone.get_current_timezone_name(),
        }
    messages.success(request, done)


def _title(article: Article | None, previous: dict | None) -> str:
    if article is None:
        return _("Add article")
    return _("Edit “%(title)s”") % {
        "title": (previous or {}).get("title") or article.title
    }
