from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import disclaimers, pagecache
from .languages import Language
from .models import AuditEntry, Disclaimer, DisclaimerTranslation, DisclaimerVersion


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
    translation_language = forms.ChoiceField(
        label=_("Translate into"),
        required=False,
        choices=[("", "—")]
        + [(code, name) for code, name in Language.CHOICES if code != Language.ENGLISH],
        help_text=_(
            "Adds the text of the current version (or of the new version above, if "
            "you publish one) in this language. Threads show it to readers of that "
            "language; without it they see the original with a note."
        ),
    )
    translation_name = forms.CharField(
        label=_("Name in that language"), required=False, max_length=120
    )
    translation_body = forms.CharField(
        label=_("Translated text (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    class Meta:
        model = Disclaimer
        fields = ["name", "scope"]

    def clean(self):
        cleaned = super().clean()
        new_body = cleaned.get("new_version_body", "").strip()
        if not self.instance.pk and not new_body:
            self.add_error(
                "new_version_body", _("A new disclaimer needs its first text.")
            )
        language = cleaned.get("translation_language")
        body = cleaned.get("translation_body", "").strip()
        if body and not language:
            self.add_error(
                "translation_language", _("Choose the language of the translation.")
            )
        elif language and not body:
            self.add_error("translation_body", _("Write the translated text."))
        elif (
            language
            and not new_body
            and self.instance.current_version_id
            and DisclaimerTranslation.objects.filter(
                version_id=self.instance.current_version_id, language=language
            ).exists()
        ):
            self.add_error(
                "translation_language",
                _(
                    "The current version already has a translation in that language. "
                    "To change the wording, publish a new version with its translation."
                ),
            )
        return cleaned


class DisclaimerVersionInline(admin.TabularInline):
    model = DisclaimerVersion
    extra = 0
    can_delete = False
    fields = ["label", "body", "translated_into", "created_by", "created_at"]
    readonly_fields = fields
    ordering = ["-major", "-minor"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("translations"))
    def translated_into(self, obj) -> str:
        names = dict(Language.CHOICES)
        return ", ".join(
            names.get(t.language, t.language) for t in obj.translations.all()
        ) or _("none")

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
        version = obj.current_version
        if body:
            version = disclaimers.publish_version(
                obj,
                body=body,
                major=form.cleaned_data.get("major_change") or not change,
                actor=request.user,
                note=form.cleaned_data.get("change_note", ""),
            )
        language = form.cleaned_data.get("translation_language")
        if language and version is not None:
            disclaimers.translate_version(
                version,
                language=language,
                name=form.cleaned_data.get("translation_name", ""),
                body=form.cleaned_data["translation_body"],
                actor=request.user,
            )


class ReaderNamesAdmin(admin.ModelAdmin):
    """A model whose names readers see (`core.names`): saving one retires the
    visitors' cached pages, so a new name or Chinese form shows at once."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        pagecache.bump()


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
