"""Uploaded files in debug mode, served the way production must serve them.

Production serves MEDIA_URL from the web server or object storage (see README,
"Running in production"); this view only runs with DEBUG on.
"""

from django.views.static import serve

# What we store and show inline; anything else is a download.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


def serve_media(request, path: str, document_root=None, show_indexes=False):
    """django.views.static.serve plus nosniff, a sandbox and downloads for non-images."""
    response = serve(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    return response
