"""What a visitor gets at a members-only thread or post: an invitation to sign in
(status 200, `noindex`), nothing of the thread, not even its title."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from ..permissions import can_read_members_only
from ..selectors import is_members_only_thread, members_only_thread_of_post


def members_only_or_404(request, *, thread_pk: int | None = None, post_pk=None):
    """The sign-in invitation when a visitor may not read it only because it is
    members-only; otherwise a 404, as for any thread they can't see.

    The page is the same whatever the visitor's link said (an old address with the
    title's slug in it): its links back (`page_path`: sign in and come back, the
    other language) use the neutral address, never the one typed."""
    if not can_read_members_only(request.user) and (
        is_members_only_thread(thread_pk)
        if post_pk is None
        else members_only_thread_of_post(post_pk)
    ):
        if post_pk is None:
            here = reverse("forum:thread", args=[thread_pk])
        else:
            here = reverse("forum:post-permalink", args=[post_pk])
        return render(request, "forum/members_only.html", {"page_path": here})
    raise Http404
