import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from core import comfort
from core.conf import site_settings
from core.forms import ComfortForm, add_service_errors
from core.ratelimits import RateLimited, check_rate

from .badges import badges_for
from .community import has_blocked
from .devices import sign_out_device, sign_out_other_devices, signed_in_devices
from .forms import DeleteAccountForm, ProfileForm
from .privacy import delete_account, export_account_data
from .selectors import has_verified_email, mention_suggestions, public_profiles
from .services import (
    MEMBER_EDITABLE_FIELDS,
    block_member,
    unblock_member,
    update_profile,
)


def profile_detail(request, pk: int):
    profile = get_object_or_404(
        public_profiles().prefetch_related("user__groups"), user_id=pk
    )
    group_names = {group.name for group in profile.user.groups.all()}
    context = {
        "profile": profile,
        "badges": badges_for(profile, group_names),
        "blocked": request.user.is_authenticated
        and has_blocked(request.user.pk, profile.user_id),
    }
    return render(request, "members/profile_detail.html", context)


@login_required
@require_POST
def profile_block(request, pk: int):
    """Block the member (or, with `unblock`, lift the block)."""
    profile = get_object_or_404(public_profiles(), user_id=pk)
    if request.POST.get("unblock"):
        unblock_member(profile.user, actor=request.user)
        messages.success(request, _("You no longer block this member."))
    else:
        block_member(profile.user, actor=request.user)
        messages.success(
            request,
            _(
                "You blocked this member: they can't write to you or mention you, "
                "and their posts are folded away for you."
            ),
        )
    return redirect(profile.get_absolute_url())


@login_required
def profile_edit(request):
    profile = request.user.profile
    initial = {name: getattr(profile, name) for name in MEMBER_EDITABLE_FIELDS}
    form = ProfileForm(request.POST or None, initial=initial)
    comfort_form = ComfortForm(request.POST or None, initial=initial)
    if request.method == "POST" and all(
        [form.is_valid(), comfort_form.is_valid()]  # both, for every error at once
    ):
        try:
            update_profile(
                profile,
                actor=request.user,
                **form.cleaned_data,
                **comfort_form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile is saved."))
            # The device keeps them too: the same pages after signing out.
            return comfort.remember_on_device(
                redirect(profile.get_absolute_url()), profile.comfort
            )
    context = {"form": form, "comfort_form": comfort_form, "profile": profile}
    return render(request, "members/profile_edit.html", context)


@login_required
@require_safe
def privacy(request):
    return render(request, "members/privacy.html", {"delete_form": DeleteAccountForm()})


@login_required
@require_safe
@reauthentication_required
def privacy_export(request):
    """All of the member's data as a JSON download."""
    check_rate("export", request.user)
    data = export_account_data(request.user)
    response = JsonResponse(
        data, json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    day = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(site_settings.NAME)}-my-data-{day}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def privacy_delete(request):
    form = DeleteAccountForm(request.POST)
    if form.is_valid():
        try:
            delete_account(
                request.user,
                password=form.cleaned_data["password"],
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Your account is deleted. Thank you for having been part of the community."
                ),
            )
            return redirect("home")
    return render(request, "members/privacy.html", {"delete_form": form}, status=400)


# Like django.utils.html.json_script: nothing in the answer can read as markup.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
MENTION_QUERY_MIN, MENTION_QUERY_MAX = 2, 30


def _json(data: dict, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    response = HttpResponse(body, content_type="application/json", status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def mention_suggest(request):
    """Members whose name starts with `q`, for the composers' @mention list (JSON)."""
    if not has_verified_email(request.user):
        return _json({"error": _("Please log in as a member.")}, status=403)
    try:
        check_rate("mention-suggest", request.user)
    except RateLimited as error:
        response = _json({"error": _("Too many lookups; wait a moment.")}, 429)
        response["Retry-After"] = str(error.retry_after)
        return response
    query = " ".join(request.GET.get("q", "")[: MENTION_QUERY_MAX + 1].split())
    if (
        not MENTION_QUERY_MIN <= len(query) <= MENTION_QUERY_MAX
        or not query.isprintable()
    ):
        return _json({"results": []})
    names = mention_suggestions(request.user, query)
    return _json(
        {
            "results": [{"name": n, "mention": f"@{n}"} for n in names],
            # What a screen reader hears when the list opens, in the page's language.
            "status": ngettext(
                "%(count)s member found: use the up and down arrows, then Enter.",
                "%(count)s members found: use the up and down arrows, then Enter.",
                len(names),
            )
            % {"count": len(names)},
        }
    )


@login_required
@require_safe
def devices(request):
    """Where the member is signed in, with a way to sign each other one out."""
    listed = signed_in_devices(
        request.user, current_session_key=request.session.session_key
    )
    return render(request, "members/devices.html", {"devices": listed})


@login_required
@require_POST
def device_sign_out(request, pk: int):
    if pk == _current_device_pk(request):
        return redirect("account_logout")
    if sign_out_device(request.user, pk=pk):
        messages.success(request, _("That device is signed out."))
    return redirect("accounts:devices")


@login_required
@require_POST
def devices_sign_out_others(request):
    count = sign_out_other_devices(
        request.user, current_session_key=request.session.session_key
    )
    messages.success(
        request,
        ngettext(
            "%(count)d other device is signed out.",
            "%(count)d other devices are signed out.",
            count,
        )
        % {"count": count},
    )
    return redirect("accounts:devices")


def _current_device_pk(request) -> int | None:
    devices = signed_in_devices(
        request.user, current_session_key=request.session.session_key
    )
    return next((device.pk for device in devices if device.is_current), None)
