"""What a new or edited post meets before it is saved.

- Refusals (a `ValidationError` on the form's field, so the text is kept):
  blocked words and domains, more links than a new member may post, and the
  same text posted twice within a few minutes.
- Holding for review (the post is saved as `pending`): a member's first
  FORUM_APPROVE_FIRST_POSTS posts, posts with links by new members (fewer than
  FORUM_NEW_MEMBER_POSTS approved posts) and posts with a watched word.
- The personal-information warning the composer shows before posting (email
  addresses, phone numbers, street addresses): a warning, never a refusal.

Settings are read at call time. Moderators, editors and verified professionals
(`forum.post_without_approval`) skip the sandbox and link limits; only
moderators skip watched words. `screening_skipped()` turns all of it off for
demo content and imports.
"""

import contextvars
import re
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.conf import site_settings
from core.markup import extract_links
from members.models import User

from ..conf import app_settings
from ..models import Post, WordFilter
from ..permissions import can_moderate, can_post_without_approval, is_new_member

_skipped = contextvars.ContextVar("forum_screening_skipped", default=False)


@contextmanager
def screening_skipped():
    """Publish posts as written, without filters or sandbox (demo content, imports)."""
    token = _skipped.set(True)
    try:
        yield
    finally:
        _skipped.reset(token)


# Links and filters ---------------------------------------------------------------


def _site_hosts() -> set[str]:
    hosts = {h.lstrip(".").lower() for h in settings.ALLOWED_HOSTS if h != "*"}
    site_host = urlsplit(site_settings.URL).hostname
    if site_host:
        hosts.add(site_host.lower())
    return hosts


def external_links(html: str) -> list[str]:
    """Web links in rendered text that leave the site (mailto and our own pages don't count)."""
    own = _site_hosts()
    links = []
    for href in extract_links(html):
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and (parts.hostname or "") not in own:
            links.append(href)
    return links


def _pattern_regex(pattern: str) -> re.Pattern:
    words = [re.escape(word) for word in pattern.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _matches(word_filter: WordFilter, text: str, hosts: set[str]) -> bool:
    pattern = word_filter.pattern.strip().lower()
    if not pattern:
        return False
    if word_filter.is_domain and any(
        host == pattern or host.endswith("." + pattern) for host in hosts
    ):
        return True
    return bool(_pattern_regex(pattern).search(text))


def matching_filters(text: str, html: str = "") -> list[WordFilter]:
    """The word filters that `text` (and the links in its rendered `html`) trips."""
    hosts = {
        (urlsplit(href).hostname or "").lower() for href in extract_links(html or "")
    }
    return [
        word_filter
        for word_filter in WordFilter.objects.all()
        if _matches(word_filter, text, hosts)
    ]


# Refusals ------------------------------------------------------------------------


def _on_field(field: str, message: str, code: str) -> ValidationError:
    """An error on a form field that keeps its code (a dict of strings would drop it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def check_post_text(
    actor: User,
    *,
    body: str,
    html: str,
    title: str = "",
    filters: list[WordFilter] | None = None,
    new_post: bool = True,
) -> None:
    """Refuse blocked words or domains, too many links from a new member, or a repeat."""
    if _skipped.get():
        return
    filters = matching_filters(f"{title}\n{body}", html) if filters is None else filters
    blocked = [f for f in filters if f.action == WordFilter.Action.BLOCK]
    if blocked:
        in_body = any(_in_body(f, body, html) for f in blocked)
        field = "body" if in_body or not title else "title"
        raise _on_field(
            field,
            _(
                "Your text contains “%(word)s”, which isn't allowed on this forum. "
                "Please remove it and try again: the rest of your text is kept."
            )
            % {"word": blocked[0].pattern},
            "blocked_word",
        )
    if not can_post_without_approval(actor) and is_new_member(actor):
        count, limit = len(external_links(html)), app_settings.NEW_MEMBER_LINKS
        if count > limit:
            raise _on_field(
                "body",
                _(
                    "New members can include at most %(limit)d links in a post, "
                    "and this one has %(count)d. Please remove some: the limit "
                    "is lifted after a few approved posts."
                )
                % {"limit": limit, "count": count},
                "too_many_links",
            )
    if new_post and is_duplicate(actor, body):
        raise _on_field(
            "body",
            _(
                "You posted exactly this text a moment ago. If it didn't appear, "
                "it may be waiting for a moderator; otherwise please change it "
                "before posting again."
            ),
            "duplicate",
        )


def _in_body(word_filter: WordFilter, body: str, html: str) -> bool:
    hosts = {(urlsplit(h).hostname or "").lower() for h in extract_links(html or "")}
    return _matches(word_filter, body, hosts)


def is_duplicate(actor: User, body: str) -> bool:
    """`actor` posted this exact text within FORUM_DUPLICATE_SECONDS (300)."""
    since = timezone.now() - app_settings.DUPLICATE_WINDOW
    return (
        Post.objects.filter(author_id=actor.pk, body=body, created_at__gte=since)
        .exclude(status=Post.Status.DELETED)
        .exists()
    )


# Holding for review ----------------------------------------------------------------


def hold_reasons(
    actor: User,
    *,
    body: str,
    html: str,
    title: str = "",
    filters: list[WordFilter] | None = None,
) -> list[str]:
    """Why a new post by `actor` must wait for a moderator (empty: publish it)."""
    if _skipped.get():
        return []
    reasons = []
    if not can_moderate(actor):
        filters = (
            matching_filters(f"{title}\n{body}", html) if filters is None else filters
        )
        reasons += [
            _("watched word “%(word)s”") % {"word": f.pattern}
            for f in filters
            if f.action == WordFilter.Action.WATCH
        ]
    if not can_post_without_approval(actor):
        if actor.profile.post_count < app_settings.APPROVE_FIRST_POSTS:
            reasons.append(_("one of the member's first posts"))
        elif is_new_member(actor) and external_links(html):
            reasons.append(_("links from a new member"))
    return reasons


def edit_hold_reasons(
    actor: User, *, old_body: str, old_html: str, body: str, html: str, title: str = ""
) -> list[str]:
    """Why an edited post must go back to the queue: a watched word or new links it adds.

    Text that was already approved doesn't send the post back for a typo fix.
    """
    if _skipped.get() or can_moderate(actor):
        return []
    before = {f.pk for f in matching_filters(old_body, old_html)}
    reasons = [
        _("watched word “%(word)s” added in an edit") % {"word": f.pattern}
        for f in matching_filters(f"{title}\n{body}", html)
        if f.action == WordFilter.Action.WATCH and f.pk not in before
    ]
    added_links = set(external_links(html)) - set(external_links(old_html))
    if added_links and not can_post_without_approval(actor) and is_new_member(actor):
        reasons.append(_("links added in an edit by a new member"))
    return reasons


# Personal information ----------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?!\w)", re.I)
# Phone numbers: 9 to 15 digits, optionally starting with +, in groups split by
# spaces, dots, dashes or brackets; not part of a word, a link or a DOI.
_PHONE = re.compile(r"(?<![\w/.:=-])(?:\+|00)?\(?\d[\d \t().-]{7,20}\d(?![\w/])")
_STREET_WORDS = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|close|way|court|ct|boulevard|blvd|"
    "place|pl|terrace|crescent|gardens|grove|square|sq|parade|highway|hwy|"
    "rue|strasse|straße|calle|via"
)
# A number, one to four capitalised words, then a street word: "12 Baker Street".
_STREET = re.compile(
    rf"(?<!\w)\d{{1,5}}[A-Za-z]?,?[ \t]+(?:[A-Z][\w'’-]*[ \t]+){{1,4}}"
    rf"(?i:{_STREET_WORDS})\.?(?!\w)"
)
_POSTCODE_UK = re.compile(r"(?<!\w)[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}(?!\w)")


@dataclass(frozen=True)
class PersonalInformation:
    kind: str
    label: str


PERSONAL_KINDS = {
    "email": gettext_lazy("an email address"),
    "phone": gettext_lazy("a phone number"),
    "address": gettext_lazy("a street address"),
}


def _phone_like(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    return 9 <= len(digits) <= 15


def find_personal_information(text: str) -> list[PersonalInformation]:
    """What in `text` looks like an email address, phone number or street address."""
    found = []
    text = text or ""
    if _EMAIL.search(text):
        found.append(PersonalInformation("email", str(PERSONAL_KINDS["email"])))
    if any(_phone_like(m.group(0)) for m in _PHONE.finditer(text)):
        found.append(PersonalInformation("phone", str(PERSONAL_KINDS["phone"])))
    if _STREET.search(text) or _POSTCODE_UK.search(text):
        found.append(PersonalInformation("address", str(PERSONAL_KINDS["address"])))
    return found
