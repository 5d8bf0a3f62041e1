"""Installable and readable offline: the web app manifest, the service worker, the
offline page.

The service worker (templates/pwa/sw.js) stores only what any visitor could read:
the static files and offline pages listed here, fetched without cookies on install,
and the articles a member saves for offline reading, fetched without cookies too.
Members' pages, messages and photos never pass through its cache; docs/design.md
("Offline reading") explains the rule.
"""

import hashlib
import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from core.conf import site_settings
from core.templatetags.languages import bcp47

THEME_COLOUR = "#123a5e"
BACKGROUND_COLOUR = "#ffffff"
ICONS = (
    ("img/icon-192.png", "192x192", "any"),
    ("img/icon-512.png", "512x512", "any"),
    ("img/icon-maskable-512.png", "512x512", "maskable"),
)
# What the worker keeps from install on: the files every page needs, and the
# offline page in each language.
PRECACHED_STATIC = (
    "css/site.css",
    "js/site.js",
    "img/logo.svg",
    "img/favicon.svg",
    "img/icon-192.png",
)
# The worker's own policy: it fetches from this origin only, and runs no other script.
WORKER_CSP = {"default-src": [CSP.NONE], "connect-src": [CSP.SELF]}


def _worker_policy() -> dict:
    report = settings.SECURE_CSP.get("report-uri")
    return {**WORKER_CSP, "report-uri": report} if report else WORKER_CSP


def offline_urls() -> dict[str, str]:
    """The offline page's address in each language, by URL prefix ("" for English)."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            home = reverse("home")
            urls[home] = reverse("offline")
    return urls


def worker_config() -> dict:
    offline = offline_urls()
    precache = [static(name) for name in PRECACHED_STATIC] + list(offline.values())
    # A new list (a deploy changes the hashed names) is a new worker and a new cache.
    version = hashlib.sha256(json.dumps(precache).encode()).hexdigest()[:12]
    return {"version": version, "precache": precache, "offline": offline}


@require_safe
@cache_control(max_age=86400, public=True)
def manifest(request):
    """The web app manifest, in the page's language (one app: one id and scope)."""
    body = {
        "id": "/",
        "name": site_settings.NAME,
        "short_name": site_settings.NAME,
        "description": _(
            "Medically reviewed articles and a moderated community for people living "
            "with scleroderma, morphea, lichen sclerosus and lupus."
        ),
        "lang": bcp47(translation.get_language()),
        "dir": "ltr",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(name), "sizes": sizes, "type": "image/png", "purpose": use}
            for name, sizes, use in ICONS
        ],
    }
    return JsonResponse(
        body,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
@cache_control(no_cache=True)
@csp_override(_worker_policy())
def service_worker(request):
    """/sw.js: at the root so its scope is the whole site; always revalidated."""
    return render(
        request,
        "pwa/sw.js",
        {"config": json.dumps(worker_config(), indent=2)},
        content_type="text/javascript; charset=utf-8",
    )


@require_safe
@cache_control(max_age=3600, public=True)
def offline(request):
    """What a page the device has not saved shows without a connection."""
    return render(request, "pwa/offline.html")
