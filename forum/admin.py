"""The forum in the admin: boards are edited here; posts and threads are read-only.

Posts change only through the services (history, counters, notifications), so
the admin shows them without edit forms. Moderation actions live in issue 5's
queue at /forum/moderation/.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.utils.translation import gettext_lazy as _

from core import audit
from core.admin import ReaderNamesAdmin, ReadOnlyAdmin

from .models import (
    Board,
    BoardGroup,
    Notification,
    Post,
    PostVersion,
    Report,
    Sanction,
    Thread,
    WordFilter,
)


class BoardInline(admin.TabularInline):
    model = Board
    extra = 0
    fields = ["name", "slug", "kind", "position", "disclaimer"]
    show_change_link = True


@admin.register(BoardGroup)
class BoardGroupAdmin(ReaderNamesAdmin):
    list_display = ["name", "name_zh_hant", "position"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "name_zh_hant", "slug", "description", "position"]
    inlines = [BoardInline]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "group",
        "kind",
        "language",
        "members_only_default",
        "position",
        "thread_count",
        "post_count",
    ]
    list_filter = ["group", "kind", "language", "members_only_default"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["group"]
    readonly_fields = [
        "thread_count",
        "post_count",
        "last_post_at",
        "last_thread",
        "public_thread_count",
        "public_post_count",
        "public_last_post_at",
        "public_last_thread",
    ]


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "board",
        "author",
        "reply_count",
        "like_count",
        "follower_count",
        "is_pinned",
        "is_locked",
        "last_post_at",
    ]
    list_filter = ["board", "is_pinned", "is_locked", "members_only"]
    search_fields = ["title"]
    list_select_related = ["board", "author__profile"]
    date_hierarchy = "created_at"


class PostVersionInline(admin.TabularInline):
    model = PostVersion
    extra = 0
    can_delete = False
    fields = ["number", "title", "body", "written_at", "replaced_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ["pk", "thread", "author", "status", "like_count", "created_at"]
    list_filter = ["status", "is_professional_answer", "thread__board"]
    search_fields = ["body", "thread__title"]
    list_select_related = ["thread", "author__profile"]
    date_hierarchy = "created_at"
    inlines = [PostVersionInline]


class WordFilterForm(ModelForm):
    class Meta:
        model = WordFilter
        fields = ["pattern", "action", "note"]

    def clean_pattern(self) -> str:
        pattern = " ".join((self.cleaned_data.get("pattern") or "").split()).lower()
        for prefix in ("https://", "http://", "www."):
            pattern = pattern.removeprefix(prefix)
        pattern = pattern.rstrip("/")
        if not pattern:
            raise ValidationError(_("Please give a word, a phrase or a domain."))
        return pattern


@admin.register(WordFilter)
class WordFilterAdmin(admin.ModelAdmin):
    """Moderators manage blocked and watched words here; every change is in the log."""

    form = WordFilterForm
    list_display = ["pattern", "action", "note", "created_by", "created_at"]
    list_filter = ["action"]
    search_fields = ["pattern", "note"]
    list_select_related = ["created_by__profile"]

    def save_model(self, request, obj, form, change) -> None:
        before = None
        if change:
            old = WordFilter.objects.get(pk=obj.pk)
            before = {"pattern": old.pattern, "action": old.action}
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,
            "wordfilter.change" if change else "wordfilter.add",
            obj,
            reason=obj.note,
            before=before,
            after={"pattern": obj.pattern, "action": obj.action},
        )

    def delete_model(self, request, obj) -> None:
        audit.record(
            request.user,
            "wordfilter.delete",
            obj,
            before={"pattern": obj.pattern, "action": obj.action},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for word_filter in queryset:
            self.delete_model(request, word_filter)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Reports are handled in the moderation queue (/forum/moderation/); read-only here."""

    list_display = [
        "pk",
        "reason",
        "status",
        "post",
        "member",
        "reporter",
        "created_at",
    ]
    list_filter = ["status", "reason", "by_moderator"]
    list_select_related = ["post", "member__profile", "reporter__profile"]
    date_hierarchy = "created_at"


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    """Warnings, suspensions and bans are given from the moderation queue; read-only here."""

    list_display = [
        "member",
        "kind",
        "ends_at",
        "lifted_at",
        "created_by",
        "created_at",
    ]
    list_filter = ["kind"]
    list_select_related = ["member__profile", "created_by__profile"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Email delivery at a glance: filter on "Email failed" to see what never left."""

    list_display = [
        "id",
        "recipient",
        "kind",
        "email",
        "email_attempts",
        "email_next_attempt_at",
        "email_sent_at",
        "created_at",
    ]
    list_filter = ["email", "kind", "created_at"]
    search_fields = ["recipient__email", "email_error"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "actor", "thread", "post", "report"]
