from django import template

from sclero_site.fasturls import fast_reverse

register = template.Library()


@register.simple_tag
def url_for(name: str, *args) -> str:
    """{% url %} for lists and per-post actions: see sclero_site.fasturls."""
    return fast_reverse(name, *args)
