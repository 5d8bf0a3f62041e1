"""One post: its permalink, editing, deleting, liking and (for moderators) its versions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.ratelimits import check_rate

from ..forms import EditPostForm
from ..permissions import can_view_post_versions, check_delete_post, check_edit_post
from ..presentation import like_count_text
from ..selectors import list_visible_posts, page_number_for_post, post_versions
from ..services import delete_post, edit_post, like_post, unlike_post
from .common import WAITING, member_required, submit_composer
from .members_only import members_only_or_404


@require_safe
def post_permalink(request, pk: int):
    post = list_visible_posts(request.user).filter(pk=pk).first()
    if post is None:
        return members_only_or_404(request, post_pk=pk)
    page = page_number_for_post(post, request.user)
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{post.thread.get_absolute_url()}{query}#post-{post.pk}")


@member_required
def post_edit(request, pk: int):
    post = get_object_or_404(list_visible_posts(request.user), pk=pk)
    check_edit_post(request.user, post)
    thread = post.thread
    data = request.POST if request.method == "POST" else None
    initial = {
        "body": post.body,
        "title": thread.title,
        "short_answer": post.short_answer,
    }
    form = EditPostForm(
        data,
        initial=initial,
        with_title=post.is_opening,
        short_answer=post.is_professional_answer,
    )
    preview, saved = submit_composer(
        request,
        form,
        lambda data: edit_post(
            post,
            actor=request.user,
            body=data["body"],
            title=data.get("title"),
            short_answer=data.get("short_answer"),
        ),
    )
    if saved is not None:
        post.refresh_from_db(fields=["status"])
        if post.status == "pending":
            messages.info(request, WAITING)
        else:
            messages.success(request, _("Your changes are saved."))
        return redirect(post)
    context = {"post": post, "thread": thread, "form": form, "preview": preview}
    return render(request, "forum/post_edit.html", context)


@member_required
def post_delete(request, pk: int):
    post = get_object_or_404(list_visible_posts(request.user), pk=pk)
    check_delete_post(request.user, post)
    if request.method == "POST":
        delete_post(post, actor=request.user)
        messages.success(
            request,
            _("Your post is deleted. A note in the thread says it was removed by you."),
        )
        return redirect(post)
    return render(
        request, "forum/post_delete.html", {"post": post, "thread": post.thread}
    )


@member_required
@require_POST
def post_like(request, pk: int):
    """Like (like=1) or unlike (like=0): the wanted state, so double clicks are harmless."""
    post = get_object_or_404(list_visible_posts(request.user), pk=pk)
    wanted = request.POST.get("like") != "0"
    if wanted:
        check_rate("like", request.user)
        like_post(post, actor=request.user)
    else:
        unlike_post(post, actor=request.user)
    if request.headers.get("accept", "").startswith("application/json"):
        post.refresh_from_db(fields=["like_count"])
        return JsonResponse(
            {
                "liked": wanted,
                "like_count": post.like_count,
                "like_count_text": like_count_text(post.like_count),
            }
        )
    messages.success(
        request, _("You like this post.") if wanted else _("Your like is removed.")
    )
    return redirect(post)


@require_safe
def post_versions_view(request, pk: int):
    if not can_view_post_versions(request.user):
        raise PermissionDenied(_("Only moderators can read earlier versions of posts."))
    post = get_object_or_404(list_visible_posts(request.user), pk=pk)
    context = {"post": post, "thread": post.thread, "versions": post_versions(post)}
    return render(request, "forum/post_versions.html", context)
