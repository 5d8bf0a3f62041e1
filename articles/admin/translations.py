"""Starting a translation from the editor: a draft in another language, in the group."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.languages import Language

from .. import services
from .pages import article_or_404, back_to_article


@require_POST
def translate_article(request, object_id, *, model_admin):
    """POST: create the draft translation, then open it in the editor."""
    article = article_or_404(request, model_admin, object_id)
    language = request.POST.get("language", "")
    try:
        translation = services.create_translation(
            article, actor=request.user, language=language
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return back_to_article(request, model_admin, article)
    messages.success(
        request,
        _(
            "A draft translation into %(language)s was created from the latest "
            "revision. Translate it, then submit it for review like any article."
        )
        % {"language": dict(Language.CHOICES)[language]},
    )
    return redirect("admin:articles_article_change", translation.pk)
