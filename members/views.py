from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .badges import badges_for
from .forms import ProfileForm
from .selectors import public_profiles
from .services import MEMBER_EDITABLE_FIELDS, update_profile


def profile_detail(request, pk: int):
    profile = get_object_or_404(
        public_profiles().prefetch_related("user__groups"), user_id=pk
    )
    group_names = {group.name for group in profile.user.groups.all()}
    context = {"profile": profile, "badges": badges_for(profile, group_names)}
    return render(request, "members/profile_detail.html", context)


@login_required
def profile_edit(request):
    profile = request.user.profile
    initial = {name: getattr(profile, name) for name in MEMBER_EDITABLE_FIELDS}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_profile(profile, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(profile.get_absolute_url())
    return render(
        request, "members/profile_edit.html", {"form": form, "profile": profile}
    )
