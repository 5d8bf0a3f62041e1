"""The forum's settings, in the manner of allauth's `app_settings`.

Every `FORUM_*` default is written here once and read at call time, so
`override_settings` and the environment (see `sclero_site/settings.py`) apply.
"""

from datetime import timedelta

from django.conf import settings

from members.community import NEW_MEMBER_POSTS_DEFAULT


class ForumSettings:
    def _get(self, name: str, default):
        return getattr(settings, f"FORUM_{name}", default)

    @property
    def AUTO_HIDE_REPORTS(self) -> int:
        """A post hides itself when its open reports weigh this much."""
        return self._get("AUTO_HIDE_REPORTS", 3)

    @property
    def MODERATOR_REPORT_WEIGHT(self) -> int:
        """A moderator's report weighs this many members' reports."""
        return self._get("MODERATOR_REPORT_WEIGHT", 3)

    @property
    def EMAIL_MODERATORS_ON_REPORT(self) -> bool:
        return bool(self._get("EMAIL_MODERATORS_ON_REPORT", False))

    @property
    def APPROVE_FIRST_POSTS(self) -> int:
        """A member's first this-many posts wait for a moderator (0: none)."""
        return self._get("APPROVE_FIRST_POSTS", 1)

    @property
    def NEW_MEMBER_POSTS(self) -> int:
        """Members with fewer published posts get the new-member limits."""
        return self._get("NEW_MEMBER_POSTS", NEW_MEMBER_POSTS_DEFAULT)

    @property
    def NEW_MEMBER_LINKS(self) -> int:
        """Most links a new member may put in one post."""
        return self._get("NEW_MEMBER_LINKS", 2)

    @property
    def DUPLICATE_WINDOW(self) -> timedelta:
        """The same text posted twice by one member within this time is refused."""
        return timedelta(seconds=self._get("DUPLICATE_SECONDS", 300))

    @property
    def POSTS_PER_PAGE(self) -> int:
        return self._get("POSTS_PER_PAGE", 20)

    @property
    def THREADS_PER_PAGE(self) -> int:
        return self._get("THREADS_PER_PAGE", 25)

    @property
    def DELETED_TEXT_RETENTION(self) -> timedelta:
        """How long moderators can still read the text of a deleted post."""
        return timedelta(days=self._get("DELETED_TEXT_DAYS", 30))

    @property
    def UNREAD_DAYS(self) -> int:
        """Threads active within this many days can be marked new or unread."""
        return self._get("UNREAD_DAYS", 30)

    @property
    def PHOTOS_PER_POST(self) -> int:
        return self._get("PHOTOS_PER_POST", 4)


app_settings = ForumSettings()
