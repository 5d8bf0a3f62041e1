"""The language a member reads us in: their emails and notifications use it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

from .models import Profile, User


def member_language(user: User | None) -> str:
    """The language saved on `user`'s profile; the site's default without one."""
    profile = getattr(user, "profile", None) if user is not None else None
    language = getattr(profile, "language", "")
    return language if language in Profile.Language.values else settings.LANGUAGE_CODE


@contextmanager
def in_member_language(user: User | None) -> Iterator[str]:
    """Render an email (strings, dates, addresses) in `user`'s language."""
    language = member_language(user)
    with translation.override(language):
        yield language
