"""What every domain asks about how members stand with each other.

- `is_new_member`: fewer than FORUM_NEW_MEMBER_POSTS published posts (the forum's
  threshold, read here so the apps on floor 2 share it without importing forum).
- `have_interacted`: each domain that knows of exchanges between two members (a
  reply in the forum, a conversation) registers a check from its
  `AppConfig.ready()`; members never imports them.
- Blocks: `is_blocked_between`, `blocked_ids`, `blocks_around`.
"""

from collections.abc import Callable

from django.conf import settings
from django.db.models import Q

from .models import Block, User

NEW_MEMBER_POSTS_DEFAULT = 5

_INTERACTION_CHECKS: dict[str, Callable[[int, int], bool]] = {}


def new_member_posts() -> int:
    """Members with fewer published posts than this get the new-member limits."""
    return getattr(settings, "FORUM_NEW_MEMBER_POSTS", NEW_MEMBER_POSTS_DEFAULT)


def is_new_member(user: User) -> bool:
    """Fewer than FORUM_NEW_MEMBER_POSTS (5 by default) published posts."""
    return user.profile.post_count < new_member_posts()


def register_interaction_check(name: str, check: Callable[[int, int], bool]) -> None:
    """Add a domain's answer to "have these two members (ids) exchanged before?"."""
    _INTERACTION_CHECKS[name] = check


def have_interacted(user_id: int, other_id: int) -> bool:
    """True when any domain saw one of the two answer or write to the other."""
    return any(check(user_id, other_id) for check in _INTERACTION_CHECKS.values())


def is_blocked_between(user_id: int, other_id: int) -> bool:
    """True when either member has blocked the other."""
    return Block.objects.filter(
        Q(blocker_id=user_id, blocked_id=other_id)
        | Q(blocker_id=other_id, blocked_id=user_id)
    ).exists()


def has_blocked(blocker_id: int, blocked_id: int) -> bool:
    return Block.objects.filter(blocker_id=blocker_id, blocked_id=blocked_id).exists()


def blocked_ids(user: User) -> set[int]:
    """Ids of the members `user` has blocked (empty for visitors)."""
    if not user.is_authenticated:
        return set()
    return set(
        Block.objects.filter(blocker_id=user.pk).values_list("blocked_id", flat=True)
    )


def blocks_around(user: User) -> tuple[set[int], set[int]]:
    """(ids `user` blocked, ids of members who blocked `user`) in one query; empty
    sets for visitors."""
    if not user.is_authenticated:
        return set(), set()
    mine, theirs = set(), set()
    rows = Block.objects.filter(Q(blocker_id=user.pk) | Q(blocked_id=user.pk))
    for blocker_id, blocked_id in rows.values_list("blocker_id", "blocked_id"):
        if blocker_id == user.pk:
            mine.add(blocked_id)
        else:
            theirs.add(blocker_id)
    return mine, theirs
