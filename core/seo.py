"""What every page tells search engines and link previews: the canonical address,
whether to index the page, and schema.org JSON-LD as a safe `<script>` block.

Values are plain text (`core.plaintext`) or model fields, never stored HTML;
the JSON is escaped like Django's `json_script`, so nothing in it can close the
script element. A JSON-LD block is a data block, not script: browsers do not run
it, so the Content-Security-Policy (`script-src 'self'`) does not apply to it.
"""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .conf import site_settings
from .sitemaps import site_origin

# The escapes `django.utils.html.json_script` uses.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute_url(path: str, *, page: int | None = None) -> str:
    """`path` on the configured site address; `page` 2 and up as `?page=N`."""
    url = site_origin() + path
    if page is not None and page > 1:
        url += "?" + urlencode({"page": page})
    return url


def _without_language(path: str) -> str:
    """`path` without a leading language prefix (/zh-hant/accounts/ → /accounts/)."""
    first, _, rest = path[1:].partition("/")
    codes = {code.lower() for code, _name in settings.LANGUAGES}
    return "/" + rest if rest and first.lower() in codes else path


def is_noindex_path(path: str) -> bool:
    """Accounts, notifications, search results, moderation: never in search engines,
    whatever the language prefix."""
    return _without_language(path).startswith(site_settings.NOINDEX_PATHS)


def json_ld_script(data: dict) -> SafeString:
    """`data` as a `<script type="application/ld+json">` block, escaped as json_script does."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 (escaped above exactly like json_script)
    )


def iso(value) -> str | None:
    return value.isoformat() if value else None
