"""Cross-domain fragments for the domains' own templates (see `search.related`)."""

from django import template

from .. import related

register = template.Library()


@register.simple_tag
def related_discussions(article, topics):
    return related.related_discussions(article, topics)


@register.simple_tag
def similar_questions(thread, topics):
    return related.similar_questions(thread, topics)


@register.simple_tag
def related_faq(thread):
    return related.related_faq(thread)


@register.simple_tag
def related_articles(topics):
    return related.related_articles(topics)
