"""A post's photos, served to signed-in members only (never to visitors, search
engines or link previews), with headers that keep a browser from sniffing them."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core.photos import photo_response

from ..selectors import visible_photos


@require_safe
def photo(request, pk: int, size: str = "full"):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = get_object_or_404(visible_photos(request.user), pk=pk)
    return photo_response(record.thumbnail if size == "thumb" else record.image)
