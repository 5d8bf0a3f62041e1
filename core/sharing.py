"""Share links for any page (articles, threads, questions): plain links, no
script or image loaded from another site, nothing but the address and the title."""

from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

from .plaintext import one_line


def share_links(*, url: str, title: str, social: bool = True) -> list[tuple[str, str]]:
    """(label, href) pairs: an email, and with `social` the public networks' own
    share pages. The title is plain text (one line); templates escape the hrefs."""
    title = one_line(title)
    links = [
        (
            _("Email"),
            "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        )
    ]
    if social:
        links += [
            (
                "Facebook",
                "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            ),
            (
                "X",
                "https://x.com/intent/post?" + urlencode({"url": url, "text": title}),
            ),
            ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        ]
    return links
