"""Site-wide settings every app reads: defaults written once, read at call time."""

from django.conf import settings


class SiteSettings:
    @property
    def NAME(self) -> str:
        return getattr(settings, "SITE_NAME", "Kindred")

    @property
    def URL(self) -> str:
        """The site's address for absolute links where there is no request (emails)."""
        return getattr(settings, "SITE_URL", "http://127.0.0.1:8000")

    @property
    def CONTACT_EMAIL(self) -> str:
        return getattr(settings, "SITE_CONTACT_EMAIL", "hello@sclero.example")

    @property
    def SITEMAP_LIMIT(self) -> int:
        """URLs per sitemap page (the protocol allows at most 50,000)."""
        return min(int(getattr(settings, "SITE_SITEMAP_LIMIT", 50_000)), 50_000)

    @property
    def NOINDEX_PATHS(self) -> tuple[str, ...]:
        """Pages under these paths tell search engines not to index them: accounts,
        notifications, search results, moderation, private conversations."""
        return tuple(
            getattr(
                settings,
                "SITE_NOINDEX_PATHS",
                (
                    "/accounts/",
                    "/admin/",
                    "/messages/",
                    "/forum/moderation/",
                    "/search/",
                ),
            )
        )

    @property
    def SITEMAP_CACHE_SECONDS(self) -> int:
        """Longest time a served sitemap may be behind the database."""
        return int(getattr(settings, "SITE_SITEMAP_CACHE_SECONDS", 300))

    @property
    def PHOTO_MAX_BYTES(self) -> int:
        """Largest photo upload accepted (posts and messages), before processing."""
        return int(getattr(settings, "PHOTO_MAX_BYTES", 10 * 1024 * 1024))

    @property
    def PHOTO_MAX_SIDE(self) -> int:
        """Stored photos are scaled down to fit this many pixels a side."""
        return int(getattr(settings, "PHOTO_MAX_SIDE", 1600))

    @property
    def PHOTO_THUMB_SIDE(self) -> int:
        return int(getattr(settings, "PHOTO_THUMB_SIDE", 320))


site_settings = SiteSettings()
