"""`{% thread_share thread as share %}`: the share links of a thread or question."""

from django import template

from core.seo import absolute_url
from core.sharing import share_links

register = template.Library()


@register.simple_tag
def thread_share(thread) -> dict:
    """The thread's address and its share links: an email and "copy link" only.

    Forum threads are members' own stories: no links to post them on public
    networks, and nothing but the address and the title (plain text) in the email,
    so a members-only thread's share text holds none of its posts."""
    url = absolute_url(thread.get_absolute_url())
    return {
        "page_url": url,
        "share_links": share_links(url=url, title=thread.title, social=False),
    }
