"""Values every page's header and footer need. Lazy: unused means no work."""

from django.utils.functional import SimpleLazyObject

from core import disclaimers, replicas
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
