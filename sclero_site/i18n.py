"""Which language a reader gets, and the switch between the two.

English lives at the plain addresses and Traditional Chinese (Taiwan) under
/zh-hant/ (`i18n_patterns(prefix_default_language=False)` in urls.py), so every
address names its language and the visitors' page cache, search engines and
shared links all see one language per address.

Django's LocaleMiddleware never redirects a plain address when the default
language has no prefix: it serves English. On top of that, a *first* visit to a
plain reading page (a GET, no language chosen yet) from a browser whose
Accept-Language ranks Chinese above English is sent to the same page under
/zh-hant/. Anyone who has chosen a language with the switcher (the
`django_language` cookie), a member whose profile says English, a browser that
prefers English, a crawler that sends no Accept-Language: all stay on the
English page they asked for. An English reader is never sent away from English.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    language_code_re,
    parse_accept_lang_header,
)
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from members.services import set_profile_language


def browser_language(request: HttpRequest) -> str:
    """The first of our languages in the browser's Accept-Language, else the default."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        if not language_code_re.search(code):
            continue
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def preferred_language(request: HttpRequest) -> str:
    """The language this reader chose (cookie, then profile), else their browser's."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES):
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile = getattr(user, "profile", None)
        if profile is not None:
            return profile.language
    return browser_language(request)


class FirstVisitLanguageMiddleware:
    """Send a reader who prefers another language from a plain address to its prefix."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self._redirect(request)
        if redirect is not None:
            return redirect
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and not get_language_from_path(
            request.path_info
        ):
            patch_vary_headers(response, ("Accept-Language",))
        return response

    def _redirect(self, request: HttpRequest) -> HttpResponse | None:
        if request.method not in ("GET", "HEAD"):
            return None
        if get_language_from_path(request.path_info):
            return None
        language = preferred_language(request)
        if language == settings.LANGUAGE_CODE:
            return None
        current = request.get_full_path()
        target = translate_url(current, language)
        if target == current:
            # Not a page with a translation (health check, robots.txt, admin...).
            return None
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def _passes_csrf(request: HttpRequest) -> bool:
    return (
        CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None
    )


@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, then `next`), remembered on a member's profile.

    Visitors' switchers carry no CSRF token: a token on every page would keep every
    page out of the visitors' page cache, and a forged switch only sets a cookie that
    the reader's next click on the switcher sets back. Saving the choice on a
    member's profile is a write, so it happens only when the CSRF check passes
    (members' switchers carry the token).
    """
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and _passes_csrf(request)
    ):
        set_profile_language(user.profile, actor=user, language=language)
    return response
