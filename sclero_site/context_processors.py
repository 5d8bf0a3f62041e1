"""Values every page's header and footer need. Lazy: unused means no work."""

from django.utils.functional import SimpleLazyObject

from core import comfort, disclaimers, replicas
from core.conf import site_settings
from core.models import Disclaimer


def _site_disclaimer():
    versions = disclaimers.versions_in_force(Disclaimer.Scope.SITE)
    return versions[0] if versions else None


def site(request):
    return {
        "site_disclaimer": SimpleLazyObject(_site_disclaimer),
        "site_name": site_settings.NAME,
    }


def read_only(request):
    """Whether this page is served read-only (the primary database is away)."""
    return {"read_only": replicas.is_read_only()}


def _reader_comfort(request):
    """A signed-in member's own settings win over the device's cookie."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile = getattr(user, "profile", None)
        if profile is not None:
            return profile.comfort
    return comfort.device_comfort(request)


def reader_comfort(request):
    """Text size, spacing, motion and contrast: classes on <html> (core.comfort)."""
    return {"comfort": SimpleLazyObject(lambda: _reader_comfort(request))}
