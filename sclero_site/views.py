"""Site-wide pages: home, static pages, machines and friendly error pages."""

import sys

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles import selectors as article_selectors
from core import comfort, disclaimers
from core.conf import site_settings
from core.forms import ComfortForm
from core.models import Disclaimer
from core.sitemaps import site_origin
from forum.selectors import active_threads, threads_for_topic
from members.services import set_comfort

from . import health
from .middleware import DATABASE_DOWN, database_unavailable

STATIC_PAGES = {"about", "terms", "privacy", "contact"}
TOPIC_ARTICLES_PER_PAGE = 20


@require_safe
def topic_detail(request, slug: str):
    """A topic's library articles and forum threads: a page of both domains."""
    topic = get_object_or_404(article_selectors.topics(), slug=slug)
    articles = Paginator(
        article_selectors.topic_articles(topic), TOPIC_ARTICLES_PER_PAGE
    )
    context = {
        "topic": topic,
        "page_obj": articles.get_page(request.GET.get("page")),
        "topic_threads": threads_for_topic(topic, request.user),
    }
    return render(request, "topic_detail.html", context)


@require_safe
def home(request):
    context = {
        "articles": article_selectors.home_articles(language=get_language()),
        "discussions": active_threads(request.user, limit=6, language=get_language()),
    }
    return render(request, "home.html", context)


@require_safe
@cache_control(max_age=300, public=True)
def page(request, name: str):
    if name not in STATIC_PAGES:
        raise Http404
    return render(
        request, f"pages/{name}.html", {"contact_email": site_settings.CONTACT_EMAIL}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def comfort_settings(request):
    """Text size, spacing, motion and contrast: kept on this device (a cookie), and
    on the profile of a member who is logged in."""
    member = request.user if request.user.is_authenticated else None
    current = member.profile.comfort if member else comfort.device_comfort(request)
    form = ComfortForm(request.POST or None, initial=current.as_fields())
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen()
        if member is not None:
            set_comfort(member.profile, actor=member, settings=chosen)
        messages.success(request, _("Saved: pages now look like this."))
        return comfort.remember_on_device(redirect("comfort"), chosen)
    return render(request, "comfort.html", {"form": form, "member": member})


@require_safe
def guidelines(request):
    versions = disclaimers.versions_in_force(Disclaimer.Scope.GUIDELINES)
    return render(
        request,
        "pages/guidelines.html",
        {"guidelines": versions[0] if versions else None},
    )


@require_safe
@never_cache
def healthz(request):
    """Each dependency as JSON; 503 only when the site cannot serve (no database)."""
    status, body = health.report()
    return JsonResponse(body, status=status)


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /forum/moderation/",
        "Disallow: /search/",
        # The configured site address, not the Host header the request came with.
        f"Sitemap: {site_origin()}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    # No context processors or database here: the failure may be the database.
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(exception, request)
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"home_url": reverse("home")}), status=500)
