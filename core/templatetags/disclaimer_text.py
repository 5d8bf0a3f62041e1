"""`{% load disclaimer_text %}`: a disclaimer version in the reader's language.

`{% for shown in versions|shown %}` or `{% with shown=version|shown %}` gives each
version's name and text in the active language when that version has a
translation, else the original with `shown.untranslated` set."""

from django import template

from core.disclaimers import shown_in
from core.models import DisclaimerVersion

register = template.Library()


@register.filter
def shown(value):
    """A version (or a list of versions) as the reader sees it."""
    if not value:
        return value
    if isinstance(value, DisclaimerVersion):
        return shown_in(value)
    return [shown_in(version) for version in value]
