"""`{% load forum_seo %}`: what a thread page tells search engines and link previews."""

from dataclasses import dataclass

from django import template

from core.languages import written_path
from core.seo import absolute_url

from ..selectors import ThreadPage
from ..seo import thread_description, thread_json_ld

register = template.Library()


@dataclass(frozen=True, slots=True)
class ThreadMeta:
    url: str  # canonical: the address in the thread's language, `?page=N` from page 2
    description: str
    json_ld: dict | None


@register.simple_tag
def thread_meta(page: ThreadPage) -> ThreadMeta:
    """`{% thread_meta tp as meta %}`: canonical address, description and JSON-LD."""
    thread = page.thread
    url = absolute_url(written_path(thread), page=page.page.number)
    return ThreadMeta(
        url=url,
        description=thread_description(thread),
        json_ld=thread_json_ld(page, url=url),
    )


@register.filter
def plain_description(thread) -> str:
    """`{{ thread|plain_description }}`: the opening post as plain text, never a
    deleted or hidden post's text."""
    return thread_description(thread)
