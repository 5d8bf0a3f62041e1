"""Pages of /messages/: the inbox, a conversation, writing, reporting, moderating."""

from functools import wraps

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core.converters import parse_id
from core.forms import add_service_errors, submit_composer
from core.photos import photo_response
from core.ratelimits import check_rate
from members.community import is_new_member
from members.selectors import public_profiles

from . import permissions, selectors, services
from .conf import app_settings
from .forms import (
    ComposeForm,
    DismissForm,
    HideForm,
    MessageForm,
    ReadReasonForm,
    ReportForm,
    StartForm,
)
from .models import Conversation, MessageReport


def flushes_reads(view):
    """A member's POST here first writes the conversations they read (kept in the
    cache by the pages they viewed)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            services.flush_read_marks(request.user.pk)
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def inbox(request):
    if not permissions.can_use_conversations(request.user):
        raise PermissionDenied(_("Only members can send private messages."))
    page = Paginator(selectors.inbox(request.user), app_settings.PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.with_buffered_reads(request.user, page.object_list)
    return render(request, "conversations/inbox.html", {"page": page})


def _recipients(names: list[str]):
    found = {
        p.display_name.casefold(): p.user
        for p in public_profiles().filter(display_name__in=names)
    }
    for name in names:  # case-insensitive fallbacks, one query each, at most 6
        if name.casefold() not in found:
            profile = public_profiles().filter(display_name__iexact=name).first()
            if profile is None:
                raise ValidationError(
                    {"to": _("Nobody here is called “%(name)s”.") % {"name": name}},
                    code="unknown",
                )
            found[name.casefold()] = profile.user
    return list(found.values())


def _preselected(user, raw_ids: list[str]) -> tuple[dict, list[str]]:
    """The start form's "To" from `?to=<id>` links (a profile, a post's menu), and
    what to tell the member about ids that name nobody they can write to."""
    raw_ids = raw_ids[: Conversation.MAX_RECIPIENTS + 1]
    ids = [parse_id(pk) for pk in raw_ids]
    profiles = list(public_profiles().filter(user_id__in=[i for i in ids if i]))
    notices = []
    if len(profiles) < len(set(raw_ids)):
        notices.append(
            _(
                "We could not find the member this link names (they may have left). "
                "Please type the display name of the person you want to write to."
            )
        )
    notices += [
        problem
        for problem in (permissions.start_problem(user, p.user) for p in profiles)
        if problem
    ]
    return {"to": ", ".join(p.display_name for p in profiles)}, notices


@login_required
@flushes_reads
def start(request):
    if not permissions.can_use_conversations(request.user):
        raise PermissionDenied(_("Only members can send private messages."))
    initial, notices = _preselected(request.user, request.GET.getlist("to"))
    form = StartForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200

    def save(data):
        check_rate("conversation", request.user, new_member=is_new_member(request.user))
        return services.start_conversation(
            actor=request.user,
            recipients=_recipients(data["to"]),
            subject=data["subject"],
            body=data["body"],
            photos=form.photos(),
        )

    try:
        preview, conversation = submit_composer(request, form, save)
    except PermissionDenied as error:
        preview, conversation, status = None, None, 403
        form.add_error("to", str(error))
    if conversation is not None:
        messages.success(request, _("Your message is sent."))
        return redirect(conversation)
    context = {"form": form, "preview": preview, "notices": notices}
    return render(request, "conversations/start.html", context, status=status)


def _present(message_list, user, place) -> None:
    for message in message_list:
        message.can_edit = permissions.can_edit_message(user, message)
        message.can_report = permissions.can_report_message(user, message, place)


@login_required
@flushes_reads
def detail(request, pk: int):
    conversation = get_object_or_404(
        selectors.visible_conversations(request.user), pk=pk
    )
    people = selectors.people_in(conversation)
    place = next(p for p in people if p.user_id == request.user.pk)
    others = [p for p in people if p.user_id != request.user.pk and p.is_active]
    form = ComposeForm(request.POST or None, request.FILES or None)
    status = 200

    def save(data):
        check_rate("message", request.user, new_member=is_new_member(request.user))
        return services.send_message(
            conversation, actor=request.user, body=data["body"], photos=form.photos()
        )

    try:
        preview, message = submit_composer(request, form, save)
    except PermissionDenied as error:
        preview, message, status = None, None, 403
        form.add_error(None, str(error))
    if message is not None:
        return redirect(message.get_absolute_url())
    message_list = list(selectors.conversation_messages(conversation))
    services.record_read(place, message_list)  # the cache only: nothing written
    _present(message_list, request.user, place)
    context = {
        "conversation": conversation,
        "people": people,
        "others": others,
        "message_list": message_list,
        "form": form,
        "preview": preview,
        "can_send": permissions.can_send_message(request.user, place, others),
        "send_problem": permissions.reply_problem(request.user, place, others),
    }
    return render(request, "conversations/detail.html", context, status=status)


@login_required
@flushes_reads
@require_POST
def leave(request, pk: int):
    conversation = get_object_or_404(
        selectors.visible_conversations(request.user), pk=pk
    )
    services.leave_conversation(conversation, actor=request.user)
    messages.success(request, _("You left the conversation."))
    return redirect("conversations:inbox")


@login_required
@flushes_reads
def message_edit(request, pk: int):
    message = get_object_or_404(selectors.visible_messages(request.user), pk=pk)
    permissions.check_edit_message(request.user, message)
    form = MessageForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_message(
                message, actor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your message is changed."))
            return redirect(message.get_absolute_url())
    context = {"form": form, "message": message}
    return render(request, "conversations/message_edit.html", context)


@login_required
@flushes_reads
def message_report(request, pk: int):
    message = get_object_or_404(selectors.visible_messages(request.user), pk=pk)
    place = selectors.place_of(request.user, message.conversation)
    permissions.check_report_message(request.user, message, place)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check_rate("report", request.user)
        try:
            services.report_message(
                message, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. A moderator will look at this message.")
            )
            return redirect(message.get_absolute_url())
    context = {"form": form, "message": message}
    return render(request, "conversations/message_report.html", context)


@login_required
def report_queue(request):
    permissions.check_moderate_conversations(request.user)
    page = Paginator(selectors.report_queue(), app_settings.PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "conversations/report_queue.html", {"page": page})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
# Reading a private conversation: the moderator proves it is them again (allauth
# resumes the posted reason after the password or code).
@reauthentication_required(enabled=lambda request: request.method == "POST")
def report_detail(request, pk: int):
    """The report; with a reason posted, the conversation too (each reading audited:
    a POST, since it writes the audit row)."""
    permissions.check_moderate_conversations(request.user)
    report = get_object_or_404(selectors.reports_for_moderators(), pk=pk)
    form = ReadReasonForm(
        request.POST if request.method == "POST" else None, auto_id="read-%s"
    )
    scope = message_list = None
    if form.is_bound and form.is_valid():
        try:
            services.read_reported_conversation(
                report,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                scope=form.cleaned_data["scope"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            scope = form.cleaned_data["scope"]
            if scope == MessageReport.ReadScope.WHOLE:
                message_list = list(
                    selectors.conversation_messages(report.message.conversation)
                )
    context = {
        "report": report,
        "form": form,
        # On a GET the reported message alone; the messages around it and the
        # whole conversation only after an audited reading with a reason.
        "snapshot": report.snapshot_messages()
        if scope
        else report.reported_in_snapshot(),
        "scope": scope,
        "message_list": message_list,
        "people": selectors.people_in(report.message.conversation),
        "report_photos": list(selectors.photos_of(report.message)),
        # Three forms with a `reason` on one page: ids of their own, so each label
        # names its own field (and #id_reason's style for the forum's choices
        # stays there).
        "hide_form": HideForm(initial={"report": report.pk}, auto_id="hide-%s"),
        "dismiss_form": DismissForm(auto_id="dismiss-%s"),
    }
    response = render(request, "conversations/report_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def message_hide(request, pk: int):
    permissions.check_moderate_conversations(request.user)
    form = HideForm(request.POST)
    report_id = form.cleaned_data.get("report") if form.is_valid() else None
    report = get_object_or_404(
        selectors.reports_for_moderators(),
        pk=report_id or parse_id(request.POST.get("report", "")) or 0,
    )
    message = report.message
    if message.pk != pk:
        raise PermissionDenied(_("This report is about another message."))
    if not form.is_valid():
        messages.error(request, _("Please give the reason the author will see."))
        return redirect("conversations:report-detail", report.pk)
    try:
        services.hide_message(
            message,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            report=report,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message is hidden and the report closed."))
    return redirect("conversations:report-detail", report.pk)


@login_required
@require_POST
def report_dismiss(request, pk: int):
    permissions.check_moderate_conversations(request.user)
    report = get_object_or_404(selectors.reports_for_moderators(), pk=pk)
    form = DismissForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.dismiss_report(report, actor=request.user, reason=reason)
    messages.success(request, _("The report is closed."))
    return redirect("conversations:report-queue")


@require_safe
def photo(request, pk: int, size: str = "full"):
    """A message's photo, to the people in the conversation (a held one to its
    sender, and to moderators deciding on it); anyone else gets a 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = selectors.visible_photos(request.user).filter(pk=pk).first()
    if record is None and permissions.can_moderate_conversations(request.user):
        record = selectors.held_photos().filter(pk=pk).first()
    if record is None:
        raise Http404
    return photo_response(record.thumbnail if size == "thumb" else record.image)


@login_required
@require_POST
def report_photo(request, pk: int, photo_pk: int):
    """A reported message's photo, to a moderator, through the report: a POST,
    because each opening writes an audit row (no database write on a GET)."""
    permissions.check_moderate_conversations(request.user)
    report = get_object_or_404(selectors.reports_for_moderators(), pk=pk)
    record = get_object_or_404(selectors.photos_of(report.message), pk=photo_pk)
    services.record_photo_view(record, actor=request.user, report=report)
    response = photo_response(record.image)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def held_photo_queue(request):
    permissions.check_moderate_conversations(request.user)
    page = Paginator(selectors.held_photos(), app_settings.PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "conversations/held_photos.html", {"page": page})


@login_required
@require_POST
def held_photo_decide(request, pk: int):
    permissions.check_moderate_conversations(request.user)
    record = selectors.held_photos().filter(pk=pk).first()
    if record is None:
        messages.info(request, _("This photo was already decided on."))
    elif request.POST.get("decision") == "approve":
        services.approve_photo(record, actor=request.user)
        messages.success(request, _("The photo is shown in the conversation."))
    else:
        services.refuse_photo(record, actor=request.user)
        messages.success(request, _("The photo is removed."))
    return redirect("conversations:held-photos")
