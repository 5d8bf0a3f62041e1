"""What a visitor gets at a members-only thread or post: an invitation to sign in
(status 200, `noindex`), nothing of the thread, not even its title."""

from django.http import Http404
from django.shortcuts import render

from ..permissions import can_read_members_only
from ..selectors import is_members_only_thread, members_only_thread_of_post


def members_only_or_404(request, *, thread_pk: int | None = None, post_pk=None):
    """The sign-in invitation when a visitor may not read it only because it is
    members-only; otherwise a 404, as for any thread they can't see."""
    if not can_read_members_only(request.user) and (
        is_members_only_thread(thread_pk)
        if post_pk is None
        else members_only_thread_of_post(post_pk)
    ):
        return render(request, "forum/members_only.html")
    raise Http404
