"""Channels, topics and readers' correction requests in the admin."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import ReaderNamesAdmin
from core.models import Topic

from .. import services
from ..models import Channel, CorrectionRequest


@admin.register(Channel)
class ChannelAdmin(ReaderNamesAdmin):
    list_display = ["tree_name", "slug", "position"]
    list_select_related = ["parent__parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_zh_hant", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["related_channels"]
    fields = [
        "name",
        "name_zh_hant",
        "slug",
        "parent",
        "position",
        "description",
        "related_channels",
    ]

    @admin.display(description=gettext_lazy("channel"), ordering="name")
    def tree_name(self, channel: Channel) -> str:
        return " › ".join([*(c.name for c in channel.ancestors()), channel.name])


@admin.register(Topic)
class TopicAdmin(ReaderNamesAdmin):
    list_display = ["name", "name_zh_hant", "slug"]
    search_fields = ["name", "name_zh_hant", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "name_zh_hant", "slug", "description"]


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(admin.ModelAdmin):
    """Readers' reports. Editors close them as fixed or dismissed (audited)."""

    list_display = ["created_at", "article", "status", "reporter_name", "excerpt"]
    list_filter = ["status"]
    list_select_related = ["article", "reporter__profile"]
    search_fields = ["message", "article__title"]
    readonly_fields = [
        "article",
        "revision",
        "reporter",
        "message",
        "status",
        "handled_by",
        "handled_at",
        "created_at",
    ]
    fields = readonly_fields
    actions = ["mark_fixed", "dismiss"]

    @admin.display(description=gettext_lazy("reported by"))
    def reporter_name(self, correction: CorrectionRequest) -> str:
        return str(correction.reporter) if correction.reporter else "—"

    @admin.display(description=gettext_lazy("message"))
    def excerpt(self, correction: CorrectionRequest) -> str:
        return correction.message[:120]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def _close(self, request, queryset, *, fixed: bool) -> None:
        count = 0
        for correction in queryset:
            services.close_correction(correction, actor=request.user, fixed=fixed)
            count += 1
        self.message_user(
            request,
            _("%(count)d report(s) closed.") % {"count": count},
            level=messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Mark as fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._close(request, queryset, fixed=True)

    @admin.action(description=gettext_lazy("Dismiss"), permissions=["change"])
    def dismiss(self, request, queryset):
        self._close(request, queryset, fixed=False)
