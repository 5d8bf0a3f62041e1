"""Report or request deletion: a post (or a thread's opening post), a profile; and the
list of one's own reports with their outcome."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.ratelimits import check_rate
from members.models import User

from ..forms import ReportForm
from ..models import Report
from ..permissions import check_report_member, check_report_post, report_reasons
from ..selectors import list_visible_posts, reports_by, visible_threads
from ..services.reports import report_member, report_post
from .common import add_service_errors, member_required

THANKS = _(
    "Thank you. A moderator will review it; you'll find the outcome in your "
    "notifications."
)


def _after_report(request, post):
    """Back to the post, or to its thread or board if the report hid it."""
    if list_visible_posts(request.user).filter(pk=post.pk).exists():
        return redirect(post)
    if visible_threads(request.user).filter(pk=post.thread_id).exists():
        return redirect(post.thread)
    return redirect(post.thread.board)


def _report_form(request, reasons, file_report) -> tuple[ReportForm, bool]:
    """The report form, and whether `file_report(**cleaned_data)` took the report."""
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data, reasons=reasons)
    if request.method != "POST" or not form.is_valid():
        return form, False
    check_rate("report", request.user)
    try:
        file_report(**form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return form, False
    messages.success(request, THANKS)
    return form, True


@member_required
def post_report(request, pk: int):
    post = get_object_or_404(list_visible_posts(request.user), pk=pk)
    check_report_post(request.user, post)
    reasons = report_reasons(request.user, post)
    already = Report.objects.filter(
        reporter=request.user, post=post, status=Report.Status.OPEN
    ).first()
    form, done = _report_form(
        request, reasons, partial(report_post, post, actor=request.user)
    )
    if done:
        return _after_report(request, post)
    context = {
        "post": post,
        "thread": post.thread,
        "form": form,
        "already": already,
        "own_post": post.author_id == request.user.pk,
    }
    return render(request, "forum/report_form.html", context)


@member_required
def member_report(request, pk: int):
    member = get_object_or_404(User.objects.select_related("profile"), pk=pk)
    check_report_member(request.user, member)
    reasons = [r for r in Report.Reason.values if r != Report.Reason.DELETION]
    already = Report.objects.filter(
        reporter=request.user,
        member=member,
        post__isnull=True,
        status=Report.Status.OPEN,
    ).first()
    form, done = _report_form(
        request, reasons, partial(report_member, member, actor=request.user)
    )
    if done:
        return redirect(member.profile)
    context = {"member": member, "form": form, "already": already}
    return render(request, "forum/report_member_form.html", context)


@login_required
@require_safe
def my_reports(request):
    page = Paginator(reports_by(request.user), 30).get_page(request.GET.get("page"))
    reports = list(page.object_list)
    # Link only to reported posts the member may still open (one query).
    post_ids = [report.post_id for report in reports if report.post_id]
    openable = set(
        list_visible_posts(request.user)
        .filter(pk__in=post_ids)
        .values_list("pk", flat=True)
    )
    for report in reports:
        report.openable = report.post_id in openable
    context = {
        "page": page,
        "reports": reports,
    }
    return render(request, "forum/my_reports.html", context)
