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


site_settings = SiteSettings()
