"""Reader pages of the library, the report-an-error form and the staff preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import disclaimers
from core.forms import add_service_errors
from core.languages import written_path
from core.models import Disclaimer
from core.ratelimits import check_rate
from core.seo import absolute_url

from . import content as article_content
from . import selectors
from .forms import CorrectionForm
from .models import Article, Revision
from .permissions import can_report_error, check_preview_articles, check_report_error
from .seo import article_json_ld, share_links, translation_paths
from .services import report_error

PER_PAGE = 20


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@require_safe
def library(request):
    language = get_language()
    page_obj = _page(request, selectors.latest_articles(language=language))
    context = {
        "featured": selectors.featured_articles(language=language)
        if page_obj.number == 1
        else [],
        "page_obj": page_obj,
        "channels": selectors.top_channels(),
    }
    return render(request, "articles/library.html", context)


@require_safe
def channel_detail(request, slug: str):
    channel = get_object_or_404(selectors.channels(), slug=slug)
    context = {
        "channel": channel,
        "ancestors": channel.ancestors(),
        "neighbours": selectors.channel_neighbours(channel),
        "page_obj": _page(
            request, selectors.channel_articles(channel, language=get_language())
        ),
    }
    return render(request, "articles/channel_detail.html", context)


def _article_context(
    request, article, *, topics, authors, references, drug_profile, review
):
    # The configured site address, under the language the text is written in.
    url = absolute_url(written_path(article))
    image_url = (
        request.build_absolute_uri(article.hero_image.url) if article.hero_image else ""
    )
    return {
        "article": article,
        "ancestors": article.channel.ancestors() if article.channel else [],
        "topics": topics,
        "authors": authors,
        "references": references,
        "drug_profile": drug_profile,
        "drug_sections": drug_profile.sections() if drug_profile else [],
        "review": review,
        "page_url": url,
        "image_url": image_url,
        "share_links": share_links(url=url, title=article.title),
        "article_disclaimers": disclaimers.versions_in_force(Disclaimer.Scope.ARTICLES),
        "json_ld": article_json_ld(
            article,
            url=url,
            site_url=absolute_url("/"),
            authors=authors,
            topics=topics,
            references=references,
            review=review,
            drug_profile=drug_profile,
            image_url=image_url,
        ),
    }


@require_safe
def article_detail(request, slug: str):
    article = selectors.reader_articles().filter(slug=slug).first()
    if article is None:
        moved = selectors.redirected_article(slug)
        if moved is None:
            raise Http404
        return redirect(moved, permanent=True)
    topics = list(article.topics.all())
    context = _article_context(
        request,
        article,
        topics=topics,
        authors=list(article.authors.all()),
        references=list(article.references.all()),
        drug_profile=getattr(article, "drug_profile", None),
        review=article.live_review,
    )
    context["related"] = selectors.articles_for_topics(
        [topic.pk for topic in topics],
        exclude_id=article.pk,
        exclude_group=article.translation_group,
        language=get_language(),
    )
    context["referring"] = selectors.referring_articles(article)
    if article.kind == Article.Kind.DRUG:
        context["neighbours"] = selectors.channel_neighbours(article.channel)
    context["can_report"] = can_report_error(request.user)
    translations = selectors.article_translations(article, language=get_language())
    paths = translation_paths(article, translations)
    context["alternate_paths"] = paths or {article.language: written_path(article)}
    context["translation_links"] = [
        (other, paths[other.language]) for other in translations
    ]
    return render(request, "articles/article_detail.html", context)


@login_required
def article_report(request, slug: str):
    article = get_object_or_404(selectors.published_articles(), slug=slug)
    check_report_error(request.user)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check_rate("correction", request.user)
        try:
            report_error(
                article, actor=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. An editor will check the page and correct it if needed."),
            )
            return redirect(article)
    return render(
        request, "articles/report_error.html", {"article": article, "form": form}
    )


@login_required
@require_safe
def revision_preview(request, pk: int):
    """Any revision as readers would see it once published. Editors and reviewers only."""
    check_preview_articles(request.user)
    revision = get_object_or_404(
        Revision.objects.select_related("article", "author__profile"), pk=pk
    )
    page = article_content.preview(
        article_content.normalize(revision.content), article=revision.article
    )
    context = _article_context(
        request,
        page.article,
        topics=page.topics,
        authors=page.authors,
        references=page.references,
        drug_profile=page.drug_profile,
        review=selectors.latest_sign_off(revision),
    )
    context.update(
        preview=True,
        revision=revision,
        is_live=revision.pk == revision.article.live_revision_id,
        is_latest=revision.pk == revision.article.latest_revision_id,
    )
    response = render(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response
