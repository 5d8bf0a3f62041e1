"""Template helpers for the library."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.languages import Language

from ..headings import heading_anchor

register = template.Library()

# The escapes `django.utils.html.json_script` uses: nothing in the JSON can
# close the script element or open markup.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data: dict) -> SafeString:
    """`data` as a `<script type="application/ld+json">` block, escaped as json_script does."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 (escaped above exactly like json_script)
    )


@register.simple_tag
def section_anchor(anchor: str, heading: str) -> SafeString:
    """The “#” link for a heading the template writes itself."""
    return heading_anchor(anchor, heading)


_ONLY_IN = {
    Language.ENGLISH: _("Only in English"),
    Language.TRADITIONAL_CHINESE: _("Only in Traditional Chinese"),
}


@register.simple_tag
def only_in_language(article) -> str:
    """ "Only in English" on a list item written in a language other than the
    reader's (lists leave out an article whose translation the reader can read)."""
    if not article.language or article.language == get_language():
        return ""
    return str(_ONLY_IN.get(article.language, ""))
