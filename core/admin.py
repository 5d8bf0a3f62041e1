from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import disclaimers
from .models import AuditEntry, Disclaimer, DisclaimerVersion


class DisclaimerForm(forms.ModelForm):
    """A disclaimer plus the text of its next version (versions are never edited)."""

    new_version_body = forms.CharField(
        label=_("New version text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Leave empty to keep the current version. Saving text here publishes a new "
            "version; threads already started keep the version they recorded."
        ),
    )
    major_change = forms.BooleanField(
        label=_("Major change: members must accept it again before posting"),
        required=False,
    )
    change_note = forms.CharField(label=_("What changed and why"), required=False)

    class Meta:
        model = Disclaimer
        fields = ["name", "scope"]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("new_version_body", "").strip():
            self.add_error(
                "new_version_body", _("A new disclaimer needs its first text.")
            )
        return cleaned


class DisclaimerVersionInline(admin.TabularInline):
    model = DisclaimerVersion
    extra = 0
    can_delete = False
    fields = ["label", "body", "created_by", "created_at"]
    readonly_fields = fields
    ordering = ["-major", "-minor"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    form = DisclaimerForm
    list_display = ["name", "scope", "current_version"]
    list_filter = ["scope"]
    list_select_related = ["current_version"]
    inlines = [DisclaimerVersionInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        body = form.cleaned_data.get("new_version_body", "").strip()
        if body:
            disclaimers.publish_version(
                obj,
                body=body,
                major=form.cleaned_data.get("major_change") or not change,
                actor=request.user,
                note=form.cleaned_data.get("change_note", ""),
            )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records staff may read but never add, change or delete in the admin."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is append-only, even for superusers."""

    list_display = ["created_at", "actor_name", "action", "target_repr", "reason"]
    list_filter = ["action"]
    search_fields = ["actor_name", "action", "target_repr", "reason"]
    date_hierarchy = "created_at"
