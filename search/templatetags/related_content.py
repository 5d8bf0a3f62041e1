"""Cross-domain fragments for the domains' own templates (see `search.related`)."""

from django import template
from django.utils.translation import get_language

from .. import related

register = template.Library()


@register.simple_tag
def related_discussions(article, topics):
    return related.related_discussions(article, topics, language=get_language())


@register.simple_tag
def similar_questions(thread, topics):
    return related.similar_questions(thread, topics, language=get_language())


@register.simple_tag
def related_faq(thread):
    return related.related_faq(thread, language=get_language())


@register.simple_tag
def related_articles(topics):
    return related.related_articles(topics, language=get_language())
