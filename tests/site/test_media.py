"""Uploaded files in debug mode carry the headers production must send too."""

import pytest
from django.test import RequestFactory

from sclero_site.media import serve_media
from sclero_site.urls import urlpatterns


@pytest.fixture
def media_root(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "b.html").write_text("<script>alert(1)</script>")
    return tmp_path


def _serve(media_root, name):
    request = RequestFactory().get(f"/media/{name}")
    return serve_media(request, name, document_root=media_root)


def test_images_are_served_inline_with_nosniff_and_a_sandbox(media_root):
    response = _serve(media_root, "a.png")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_anything_else_is_a_download(media_root):
    response = _serve(media_root, "b.html")
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_debug_media_route_uses_this_view(settings):
    media_routes = [
        p for p in urlpatterns if getattr(p, "callback", None) is serve_media
    ]
    assert media_routes or not settings.DEBUG
