"""The site's URLs plus two that fail, to see the error pages' headers."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from sclero_site.urls import urlpatterns as site_urlpatterns


def _boom(request):
    raise RuntimeError("boom")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-boom/", _boom),
    path("test-forbidden/", _forbidden),
    *site_urlpatterns,
]
handler403 = "sclero_site.views.permission_denied"
handler404 = "sclero_site.views.page_not_found"
handler500 = "sclero_site.views.server_error"
