"""/accounts/notifications/: the list, marking read, and one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from members.models import User

from ..models import Notification, Thread
from ..selectors import list_notifications
from ..services import mark_all_read, mark_read, unsubscribe_from_thread
from ..tokens import read_unsubscribe_token


@login_required
@require_safe
def notification_list(request):
    paginator = Paginator(list_notifications(request.user), 30)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "forum/notifications.html",
        {"page": page, "notifications": list(page.object_list)},
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(
        Notification.objects.filter(recipient=request.user), pk=pk
    )
    mark_read(notification, user=request.user)
    if request.POST.get("open") and notification.post_id:
        return redirect(notification.post)
    messages.success(request, _("Marked as read."))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = mark_all_read(request.user)
    messages.success(
        request,
        _("All notifications are marked as read.")
        if count
        else _("Nothing new to mark."),
    )
    return redirect("notifications:list")


@csrf_exempt  # The signed token is the credential; RFC 8058 one-click POSTs carry no CSRF token.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    try:
        user_id, thread_id = read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404 from None
    user = get_object_or_404(User, pk=user_id)
    thread = get_object_or_404(Thread, pk=thread_id)
    if request.method == "POST":
        unsubscribe_from_thread(thread, user=user)
        return render(
            request, "forum/unsubscribe.html", {"thread": thread, "done": True}
        )
    return render(request, "forum/unsubscribe.html", {"thread": thread, "done": False})
