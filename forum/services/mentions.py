"""@mentions in forum posts: `@Display Name` links to the profile and tells the member.

Names may hold spaces, so each `@` is matched against the longest display name
that its following words spell (one query for the whole post). Links are made
in the Markdown before `render_markdown`, so the one pipeline still sanitizes
everything. A member hears about a mention once, when the post is published
(not while it waits or is hidden, never on edits), not from someone either of
them blocked, not if they turned mention notifications off, and never more than
FORUM_MENTIONS_PER_POST (10) members per post.
"""

import re

from django.conf import settings
from django.db.models.functions import Lower
from django.utils import timezone

from core.fasturls import fast_reverse
from core.markup import escape_markdown, render_markdown
from members.community import is_blocked_between
from members.models import Profile, User

from ..models import Notification, Post

_AT = re.compile(r"(?<![\w@/])@(?=\w)")
_WORDS = re.compile(r"[^\s@]+")
_MAX_WORDS = 4
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)


def mentions_per_post() -> int:
    return int(getattr(settings, "FORUM_MENTIONS_PER_POST", 10))


def _candidates(text: str, start: int) -> list[str]:
    """The names that the words after an `@` at `start` could spell, longest first."""
    words, found, position = [], [], start
    for match in _WORDS.finditer(text, start):
        if match.start() != position and text[position : match.start()].strip(" "):
            break  # a newline or tab ends a name
        words.append(match.group())
        position = match.end()
        if len(words) == _MAX_WORDS:
            break
    for count in range(len(words), 0, -1):
        name = " ".join(words[:count]).rstrip(".,;:!?)»”'\"")
        if Profile.DISPLAY_NAME_MIN <= len(name) <= Profile.DISPLAY_NAME_MAX:
            found.append(name)
    return found


def _split_code(body: str) -> list[tuple[str, bool]]:
    """(text, is_code) pieces: nothing inside code spans or blocks is a mention."""
    pieces, last = [], 0
    for match in _CODE.finditer(body):
        pieces.append((body[last : match.start()], False))
        pieces.append((match.group(), True))
        last = match.end()
    pieces.append((body[last:], False))
    return pieces


def find_mentions(body: str) -> tuple[str, list[User]]:
    """(Markdown with each mention linked, the members mentioned in order)."""
    pieces = _split_code(body)
    wanted: set[str] = set()
    for text, is_code in pieces:
        if not is_code:
            for at in _AT.finditer(text):
                wanted.update(n.casefold() for n in _candidates(text, at.end()))
    if not wanted:
        return body, []
    profiles = {
        p.display_name.casefold(): p
        for p in Profile.objects.annotate(lower=Lower("display_name"))
        .filter(lower__in={w.lower() for w in wanted}, user__is_active=True)
        .select_related("user")
    }
    mentioned: dict[int, User] = {}
    out = []
    for text, is_code in pieces:
        if is_code:
            out.append(text)
            continue
        last = 0
        for at in _AT.finditer(text):
            if at.start() < last:
                continue
            for name in _candidates(text, at.end()):
                profile = profiles.get(name.casefold())
                if profile is None:
                    continue
                url = fast_reverse("members:profile", profile.user_id)
                label = escape_markdown(f"@{profile.display_name}")
                out.append(text[last : at.start()] + f"[{label}]({url})")
                last = at.end() + len(name)
                mentioned.setdefault(profile.user_id, profile.user)
                break
        out.append(text[last:])
    return "".join(out), list(mentioned.values())


def render_with_mentions(body: str) -> tuple[str, list[User]]:
    """The post's safe HTML with mentions linked, and who was mentioned."""
    linked, mentioned = find_mentions(body)
    return render_markdown(linked), mentioned


def notify_mentions(post: Post, mentioned: list[User]) -> list[Notification]:
    """Tell the first FORUM_MENTIONS_PER_POST members mentioned in a published post."""
    if not post.is_visible or not post.author_id:
        return []
    already = set(
        Notification.objects.filter(post=post).values_list("recipient_id", flat=True)
    )
    now = timezone.now()
    rows = [
        Notification(
            recipient=user,
            kind=Notification.Kind.MENTION,
            thread_id=post.thread_id,
            post=post,
            actor_id=post.author_id,
            created_at=now,
            updated_at=now,
        )
        for user in mentioned[: mentions_per_post()]
        if user.pk != post.author_id
        and user.pk not in already
        and user.profile.notify_on_mention
        and not is_blocked_between(user.pk, post.author_id)
    ]
    return Notification.objects.bulk_create(rows)
