"""`{% load languages %}`: the page's language for `<html lang>`, its addresses in
every language (hreflang alternates) and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

from core.conf import site_settings

register = template.Library()


def bcp47(code: str) -> str:
    """Django's language code as HTML and hreflang write it: 'zh-hant' -> 'zh-Hant'."""
    first, *rest = code.split("-")
    tags = [first.lower()]
    for tag in rest:
        tags.append(tag.title() if len(tag) == 4 else tag.upper())
    return "-".join(tags)


register.filter("bcp47", bcp47)


@register.simple_tag
def lang_attr(language: str | None) -> str:
    """`<li{% lang_attr item.language %}>`: ` lang="zh-Hant"` on text written in
    another language than the page's (screen readers switch voice), else nothing."""
    if not language or language == (get_language() or settings.LANGUAGE_CODE):
        return ""
    return format_html(' lang="{}"', bcp47(language))


@register.simple_tag
def html_lang() -> str:
    """The active language, for `<html lang>`."""
    return bcp47(get_language() or settings.LANGUAGE_CODE)


def _path(context) -> str:
    """The page's own address: `page_path` when the view names it (a page that
    must not echo what was typed), else the request's path and query string."""
    if page_path := context.get("page_path"):
        return page_path
    request = context.get("request")
    return request.get_full_path() if request is not None else "/"


def _targets(context, path: str) -> dict[str, str]:
    """This page's address in each language. A page with translations of its own
    (an article) names them in `alternate_paths`; the others keep their path."""
    own = context.get("alternate_paths") or {}
    return {
        code: own.get(code) or translate_url(path, code)
        for code, _name in settings.LANGUAGES
    }


@register.inclusion_tag("core/language_alternates.html", takes_context=True)
def language_alternates(context) -> dict:
    """`<link rel="alternate" hreflang>` for this page in each language, and x-default.

    A page of written text (an article, a thread) names the languages its text
    exists in (`alternate_paths`): only real translations are alternates, never the
    same English text under the Chinese prefix."""
    origin = site_settings.URL.rstrip("/")
    targets = context.get("alternate_paths")
    if targets is None:
        targets = _targets(context, _path(context))
    if len(targets) < 2 or len(set(targets.values())) < len(targets):
        # Not a page with an address in each language (an admin or machine page,
        # or text written in one language only).
        return {"links": []}
    links = [(bcp47(code), origin + target) for code, target in targets.items()]
    if settings.LANGUAGE_CODE in targets:
        links.append(("x-default", origin + targets[settings.LANGUAGE_CODE]))
    return {"links": links}


@register.inclusion_tag("core/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    """A plain POST form per other language: Django's set_language, back to this page.

    Visitors' forms carry no CSRF token, so their pages stay in the visitors' page
    cache (sclero_site/i18n.py explains why the switch itself needs none)."""
    path = _path(context)
    current = get_language()
    choices = [
        {"code": code, "name": name, "lang": bcp47(code), "next": target}
        for code, name in settings.LANGUAGES
        if code != current and (target := _targets(context, path)[code]) != path
    ]
    user = context.get("user")
    # Django copies csrf_token into an inclusion tag's context: a flag decides.
    with_token = user is not None and user.is_authenticated
    return {"choices": choices, "with_token": with_token}
