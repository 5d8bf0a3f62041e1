"""The conversations' settings (`CONVERSATIONS_*`), read at call time."""

from django.conf import settings


class ConversationSettings:
    def _get(self, name: str, default):
        return getattr(settings, f"CONVERSATIONS_{name}", default)

    @property
    def NEW_PEOPLE_PER_DAY(self) -> int:
        """Most people a new member may start conversations with in 24 hours."""
        return self._get("NEW_PEOPLE_PER_DAY", 3)

    @property
    def PER_PAGE(self) -> int:
        return self._get("PER_PAGE", 20)

    @property
    def SNAPSHOT_AROUND(self) -> int:
        """Messages kept on each side of a reported one."""
        return self._get("SNAPSHOT_AROUND", 5)

    @property
    def EMAIL_MAX_ATTEMPTS(self) -> int:
        return self._get("EMAIL_MAX_ATTEMPTS", 6)

    @property
    def EMAIL_RETRY_SECONDS(self) -> int:
        return self._get("EMAIL_RETRY_SECONDS", 60)

    @property
    def EMAIL_CLAIM_SECONDS(self) -> int:
        return self._get("EMAIL_CLAIM_SECONDS", 900)

    @property
    def PHOTOS_PER_MESSAGE(self) -> int:
        return self._get("PHOTOS_PER_MESSAGE", 4)


app_settings = ConversationSettings()
