from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from core import pagecache

from .models import Profile, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = [
        "display_name",
        "verified_professional",
        "specialty",
        "specialty_zh_hant",
        "age_range",
        "sex",
        "bio",
        "post_count",
        "created_at",
    ]
    readonly_fields = ["post_count", "created_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Staff set `verified_professional` and `specialty` here, after checking registration."""

    inlines = [ProfileInline]
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "groups", "profile__verified_professional"]
    search_fields = ["email", "profile__display_name"]
    list_select_related = ["profile"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]

    def save_related(self, request, form, formsets, change) -> None:
        # The profile (a verified specialty, its Chinese form) shows beside posts.
        super().save_related(request, form, formsets, change)
        pagecache.bump()

    @admin.display(description=_("display name"), ordering="profile__display_name")
    def display_name(self, user: User) -> str:
        return user.profile.display_name
