"""The workflow buttons of the editor: submit, return, publish, schedule, unpublish,
archive. Each button posts here; the step's service decides."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .. import services
from .forms import WorkflowForm
from .pages import article_or_404, back_to_article

# action → (the service call, what to tell the editor when it is done)
STEPS = {
    "submit": (
        lambda article, actor, data: services.submit_for_review(
            article, actor=actor, note=data["reason"]
        ),
        _("Submitted for review. Reviewers can now sign it off."),
    ),
    "return": (
        lambda article, actor, data: services.return_to_draft(
            article, actor=actor, reason=data["reason"]
        ),
        _("Sent back to draft with your note."),
    ),
    "publish": (
        lambda article, actor, data: services.publish_article(
            article, actor=actor, expire_at=data["expire_at"], note=data["reason"]
        ),
        _("Published: readers see the latest revision now."),
    ),
    "schedule": (
        lambda article, actor, data: services.publish_article(
            article,
            actor=actor,
            publish_at=data["publish_at"],
            expire_at=data["expire_at"],
            note=data["reason"],
        ),
        _("Scheduled."),
    ),
    "unpublish": (
        lambda article, actor, data: services.unpublish_article(
            article, actor=actor, reason=data["reason"]
        ),
        _("Unpublished: readers no longer see it."),
    ),
    "archive": (
        lambda article, actor, data: services.archive_article(
            article, actor=actor, reason=data["reason"]
        ),
        _("Archived."),
    ),
}


def run_workflow_step(request, object_id, *, model_admin):
    if request.method != "POST":
        return redirect("admin:articles_article_change", object_id)
    article = article_or_404(request, model_admin, object_id)
    form = WorkflowForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back_to_article(request, model_admin, article)
    step, done = STEPS[form.cleaned_data["action"]]
    try:
        step(article, request.user, form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return back_to_article(request, model_admin, article)
