"""@mentions in forum posts: `@Display Name` links to the profile and tells the member.

Names may hold spaces, brackets and punctuation, so each `@` is matched against
the longest display name that the text after it starts with, case-insensitively
(one query for the whole post): what the suggestion list inserts, `@Helen (demo)`,
links to Helen (demo), and `@Helen, hi` to Helen. Links are made
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

_AT = re.compile(r"(?<![\w@/])@(?=[^\s@])")
_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)
# Only so many `@`s in one post are looked up (each asks for up to 30 names).
_MAX_ATS = 100


def mentions_per_post() -> int:
    return int(getattr(settings, "FORUM_MENTIONS_PER_POST", 10))


def _spaced_letter(char: str) -> bool:
    """A letter or digit of a script that writes spaces between words (not CJK)."""
    return char.isalnum() and ord(char) < 0x2E80


def _candidates(text: str, start: int) -> list[str]:
    """The names that the text after an `@` at `start` could spell, longest first.

    Display names may hold spaces, brackets and punctuation ("Helen (demo)",
    "美華（示範）", "Dr. Who?"), so every stretch of the line after the `@` is a
    candidate and the longest one that is a member's name wins; a stretch may end
    anywhere except inside a word of a spaced script ("@Ada Demolition" is not
    "@Ada Demo"). CJK writes no spaces, so a CJK name may end anywhere.
    """
    line = text[start : start + Profile.DISPLAY_NAME_MAX + 1]
    cut = min(
        (i for i in (line.find("\n"), line.find("\t"), line.find("@")) if i >= 0),
        default=len(line),
    )
    following_text = text[start + cut : start + cut + 1]
    line = line[:cut]
    found = []
    for length in range(min(len(line), Profile.DISPLAY_NAME_MAX), 0, -1):
        name = line[:length]
        if len(name) < Profile.DISPLAY_NAME_MIN or name != name.strip():
            continue
        following = line[length : length + 1] or following_text
        if following and _spaced_letter(name[-1]) and _spaced_letter(following):
            continue
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
    ats = 0
    for text, is_code in pieces:
        if not is_code:
            for at in _AT.finditer(text):
                ats += 1
                if ats > _MAX_ATS:
                    break
                wanted.update(n.lower() for n in _candidates(text, at.end()))
    if not wanted:
        return body, []
    profiles = {
        p.display_name.lower(): p
        for p in Profile.objects.annotate(lower=Lower("display_name"))
        .filter(lower__in=wanted, user__is_active=True)
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
                profile = profiles.get(name.lower())
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
    """Tell the first FORUM_MENTIONS_PER_POST members mentioned in a published post.

    One notification per member and post: a follower who is mentioned already has
    the "new reply" notice of this post, which becomes "mentioned you" (a mention
    says more than a follow); a reply or quote notice stays as it is.
    """
    if not post.is_visible or not post.author_id:
        return []
    told = [
        user
        for user in mentioned[: mentions_per_post()]
        if user.pk != post.author_id
        and user.profile.notify_on_mention
        and not is_blocked_between(user.pk, post.author_id)
    ]
    if not told:
        return []
    already = dict(
        Notification.objects.filter(post=post).values_list("recipient_id", "kind")
    )
    followers = [
        user.pk
        for user in told
        if already.get(user.pk) == Notification.Kind.FOLLOWED_REPLY
    ]
    if followers:
        Notification.objects.filter(
            post=post,
            recipient_id__in=followers,
            kind=Notification.Kind.FOLLOWED_REPLY,
        ).update(kind=Notification.Kind.MENTION)
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
        for user in told
        if user.pk not in already
    ]
    return Notification.objects.bulk_create(rows)
