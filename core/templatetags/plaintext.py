"""`{% load plaintext %}{{ value|plain_excerpt:160 }}`: plain text of user or editor
HTML, escaped by the template like any other text (safe in attributes too)."""

from django import template

from core.plaintext import excerpt

register = template.Library()


@register.filter(is_safe=False)
def plain_excerpt(value, length: int = 160) -> str:
    """Plain text of `value` (HTML or text), at most `length` characters."""
    return excerpt(value, int(length))
