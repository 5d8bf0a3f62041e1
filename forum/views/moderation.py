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
from django.views.decorators.http import require_POST, require_safe

from core.markup import render_markdown
from members.models import User

from ..models import Board, Post
from ..moderation_forms import (
    AuditFilterForm,
    BulkActionForm,
    MemberActionForm,
    ModerationActionForm,
    ModeratorEditForm,
    post_actions,
)
from ..moderation_selectors import (
    LOG_PER_PAGE,
    audit_actions,
    audit_log,
    board_choices,
    moderation_member,
    moderation_post,
    moderation_queue,
    queue_posts_base,
)
from ..permissions import can_sanction_member, check_moderate, check_view_moderation_log
from ..services import moderation, sanctions
from .common import add_service_errors


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
            post.action_form = ModerationActionForm(
                actions=post_actions(
                    post, can_sanction=post.author_id != request.user.pk
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
        done, skipped = moderation.bulk_moderate(
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
            _("Done for %(count)d posts.") % {"count": done}
            if done > 1
            else _("Done for 1 post."),
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
    can_sanction = post.author is not None and can_sanction_member(
        request.user, post.author
    )
    return ModerationActionForm(
        data,
        actions=post_actions(post, can_sanction=can_sanction),
        boards=board_choices(),
        initial={"next": request.GET.get("next", "")},
    )


def _act_on_post(post: Post, actor: User, data: dict) -> str:
    """Call the service for `data["action"]`; the message to show when it worked."""
    action, reason, thread = data["action"], data["reason"], post.thread
    if action == "approve":
        moderation.approve_post(post, actor=actor, reason=reason)
        return _("The post is approved: everyone can read it now.")
    if action == "dismiss":
        moderation.dismiss_reports(post, actor=actor, reason=reason)
        return _("The reports are dismissed; the reporters are told.")
    if action == "hide":
        moderation.hide_post(post, actor=actor, reason=reason)
        return _("The post is hidden. Its author sees your reason.")
    if action == "restore":
        moderation.restore_post(post, actor=actor, reason=reason)
        return _("The post is visible again.")
    if action == "delete":
        moderation.remove_post(post, actor=actor, reason=reason)
        return _("The post is deleted: a placeholder says a moderator removed it.")
    if action in ("lock", "unlock", "pin", "unpin"):
        service = getattr(moderation, f"{action}_thread")
        service(thread, actor=actor, reason=reason, post=post)
        return {
            "lock": _("The thread is locked."),
            "unlock": _("The thread is unlocked."),
            "pin": _("The thread is pinned."),
            "unpin": _("The thread is unpinned."),
        }[action]
    if action == "move":
        board = Board.objects.filter(pk=data["board"]).first()
        if board is None:
            raise ValidationError({"board": _("That board no longer exists.")})
        moderation.move_thread(
            thread, actor=actor, board=board, reason=reason, post=post
        )
        return _("The thread is moved to %(board)s.") % {"board": board.name}
    if post.author is None:
        raise ValidationError(_("This post's author has deleted their account."))
    return _act_on_member(post.author, actor, data, post=post)


def _act_on_member(member: User, actor: User, data: dict, post: Post | None = None):
    action, reason = data["action"], data["reason"]
    name = member.profile.display_name
    if action == "warn":
        sanctions.warn_member(member, actor=actor, message=reason, post=post)
        return _("%(name)s is warned: they'll read your message.") % {"name": name}
    if action == "suspend":
        sanction = sanctions.suspend_member(
            member, actor=actor, days=data["days"], reason=reason, post=post
        )
        return _("%(name)s is suspended until %(date)s.") % {
            "name": name,
            "date": sanction.ends_at.strftime("%Y-%m-%d %H:%M"),
        }
    if action == "ban":
        sanctions.ban_member(
            member,
            actor=actor,
            reason=reason,
            post=post,
            hide_posts=data.get("hide_posts", False),
        )
        return _("%(name)s is banned: they can't log in any more.") % {"name": name}
    if action == "lift":
        sanctions.lift_sanctions(member, actor=actor, reason=reason)
        return _("%(name)s can take part again.") % {"name": name}
    if action == "dismiss":
        moderation.dismiss_member_reports(member, actor=actor, reason=reason)
        return _("The reports are dismissed; the reporters are told.")
    raise ValidationError({"action": _("Please choose an action from the list.")})


@moderator_required
def post_review(request, pk: int):
    post = _get_post(pk)
    if request.method == "POST":
        form = _post_action_form(request, post, request.POST)
        if form.is_valid():
            try:
                message = _act_on_post(post, request.user, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                return redirect(_next_url(request, form.cleaned_data.get("next")))
    else:
        form = _post_action_form(request, post)
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
    preview = None
    if data is not None and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            try:
                moderation.moderate_edit_post(
                    post,
                    actor=request.user,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data.get("title"),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The post is edited; the earlier text is kept.")
                )
                return redirect("forum:moderation-post", pk=post.pk)
    context = {"post": post, "thread": post.thread, "form": form, "preview": preview}
    return render(request, "forum/moderation/post_edit.html", context)


# One member -------------------------------------------------------------------------------


def _member_actions(request, member: User) -> list[str]:
    actions = []
    if member.report_list:
        actions.append("dismiss")
    if member.is_active and can_sanction_member(request.user, member):
        actions += ["warn", "suspend", "ban"]
    if not member.is_active or member.profile.is_suspended:
        actions.append("lift")
    return actions


@moderator_required
def member_review(request, pk: int):
    try:
        member = moderation_member(pk)
    except User.DoesNotExist:
        raise Http404 from None
    actions = _member_actions(request, member)
    data = request.POST if request.method == "POST" else None
    form = MemberActionForm(data, actions=actions, initial={"next": ""})
    if data is not None and form.is_valid():
        try:
            message = _act_on_member(member, request.user, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, message)
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
