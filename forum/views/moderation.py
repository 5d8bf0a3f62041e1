"""The moderation pages: the queue, one post's and one member's review, moderator
edits, bulk actions and the audit log. Moderators only (403 for others)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from members.models import User

from ..models import Board, Post
from ..moderation_forms import (
    AuditFilterForm,
    BulkActionForm,
    MemberActionForm,
    ModerationActionForm,
    ModeratorEditForm,
)
from ..permissions import check_moderate, check_view_moderation_log
from ..selectors import (
    LOG_PER_PAGE,
    audit_actions,
    audit_log,
    board_choices,
    moderation_member,
    moderation_post,
    moderation_queue,
    queue_posts_base,
)
from ..services import bulk_moderate
from ..services.moderation.actions import (
    EDIT,
    ModerationAction,
    Target,
    member_actions,
    post_actions,
)
from .common import add_service_errors, submit_composer


def moderator_required(view):
    """Visitors are sent to log in; members who aren't moderators get a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        check_moderate(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def _next_url(request, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("forum:moderation-queue")


# The queue ----------------------------------------------------------------------------


@moderator_required
@require_safe
def queue(request):
    queue_page = moderation_queue(
        request.GET.get("show", "all"), request.GET.get("page")
    )
    here = request.get_full_path()
    if queue_page.show != "members":
        boards = board_choices()
        for post in queue_page.items:
            # Whether an author may be sanctioned is settled on their page:
            # asking the database about every author would cost a query each.
            post.action_form = ModerationActionForm(
                actions=post_actions(
                    request.user, post, sanctions=post.author_id != request.user.pk
                ),
                boards=boards,
                initial={"next": here},
                auto_id=f"id_post{post.pk}_%s",
            )
    context = {
        "queue": queue_page,
        "bulk_form": BulkActionForm(initial={"next": here}, auto_id="id_bulk_%s"),
        "here": here,
    }
    return render(request, "forum/moderation/queue.html", context)


@moderator_required
@require_POST
def bulk(request):
    form = BulkActionForm(request.POST, auto_id="id_bulk_%s")
    back = _next_url(request, request.POST.get("next"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    posts = list(Post.objects.filter(pk__in=form.cleaned_data["posts"]).order_by("pk"))
    try:
        done, skipped = bulk_moderate(
            posts,
            actor=request.user,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    if done:
        messages.success(
            request,
            ngettext("Done for %(count)d post.", "Done for %(count)d posts.", done)
            % {"count": done},
        )
    for reason in skipped:
        messages.warning(request, reason)
    if not posts:
        messages.error(request, _("None of the selected posts exist any more."))
    return redirect(back)


# One post -------------------------------------------------------------------------------


def _get_post(pk: int) -> Post:
    try:
        return moderation_post(pk)
    except Post.DoesNotExist:
        raise Http404 from None


def _post_action_form(request, post: Post, data=None) -> ModerationActionForm:
    post.open_report_count = sum(report.is_open for report in post.report_list)
    return ModerationActionForm(
        data,
        actions=post_actions(request.user, post),
        boards=board_choices(),
        initial={"next": request.GET.get("next", "")},
    )


def _act(
    action: ModerationAction,
    actor: User,
    data: dict,
    *,
    post: Post | None = None,
    member: User | None = None,
) -> str:
    """Take `action` with the form's `data`; the message to show when it worked."""
    options = {name: data.get(name) for name in action.options}
    board = None
    if "board" in options:
        board = Board.objects.filter(pk=options["board"]).first()
        if board is None:
            raise ValidationError({"board": _("That board no longer exists.")})
        options["board"] = board
    if action.target is Target.MEMBER and post is not None:
        member = post.author
        if member is None:
            raise ValidationError(_("This post's author has deleted their account."))
    result = action.perform(
        actor=actor, post=post, member=member, reason=data["reason"], **options
    )
    ends_at = getattr(result, "ends_at", None)
    return action.success_message(
        name=member.profile.display_name if member else "",
        board=board.name if board else "",
        date=ends_at.strftime("%Y-%m-%d %H:%M") if ends_at else "",
    )


def _submit_action(request, form, **target) -> bool:
    """Take the action the moderator chose on `target` (post= or member=); False
    leaves the form with what went wrong, the reason they typed kept."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        message = _act(
            form.cleaned_data["action"], request.user, form.cleaned_data, **target
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, message)
    return True


@moderator_required
def post_review(request, pk: int):
    post = _get_post(pk)
    data = request.POST if request.method == "POST" else None
    form = _post_action_form(request, post, data)
    if _submit_action(request, form, post=post):
        return redirect(_next_url(request, form.cleaned_data.get("next")))
    context = {"post": post, "thread": post.thread, "form": form}
    return render(request, "forum/moderation/post.html", context)


@moderator_required
def post_edit(request, pk: int):
    try:
        post = queue_posts_base().get(pk=pk)
    except Post.DoesNotExist:
        raise Http404 from None
    if post.is_deleted:
        messages.error(request, _("A deleted post can't be edited."))
        return redirect("forum:moderation-post", pk=post.pk)
    data = request.POST if request.method == "POST" else None
    initial = {"body": post.body, "title": post.thread.title}
    form = ModeratorEditForm(data, initial=initial, with_title=post.is_opening)
    preview, saved = submit_composer(
        request,
        form,
        lambda data: EDIT.service(
            post,
            actor=request.user,
            body=data["body"],
            title=data.get("title"),
            reason=data["reason"],
        ),
    )
    if saved is not None:
        messages.success(request, EDIT.success_message())
        return redirect("forum:moderation-post", pk=post.pk)
    context = {"post": post, "thread": post.thread, "form": form, "preview": preview}
    return render(request, "forum/moderation/post_edit.html", context)


# One member -------------------------------------------------------------------------------


@moderator_required
def member_review(request, pk: int):
    try:
        member = moderation_member(pk)
    except User.DoesNotExist:
        raise Http404 from None
    data = request.POST if request.method == "POST" else None
    form = MemberActionForm(
        data, actions=member_actions(request.user, member), initial={"next": ""}
    )
    if _submit_action(request, form, member=member):
        return redirect(
            _next_url(request, form.cleaned_data.get("next"))
            if form.cleaned_data.get("next")
            else reverse("forum:moderation-member", args=[member.pk])
        )
    return render(
        request, "forum/moderation/member.html", {"member": member, "form": form}
    )


# The log ------------------------------------------------------------------------------------


@require_safe
def log(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    check_view_moderation_log(request.user)
    form = AuditFilterForm(request.GET or None, actions=audit_actions())
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    page = Paginator(audit_log(**filters), LOG_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "entries": list(page.object_list)}
    return render(request, "forum/moderation/log.html", context)
