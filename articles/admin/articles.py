"""The article admin: the list, its filters and bulk actions, and the wiring of the
editor's pages.

The admin's own add, change and history pages are replaced by the editor's
(`editor`, `revisions`); the workflow buttons, review sign-off, comparison and
restore are pages of their own (`workflow`, `review`, `revisions`). Each is a
view that calls services. What anyone may do comes from permissions, never
from `is_staff`.
"""

import datetime
from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions, selectors, services
from ..models import Article, ReviewSignOff
from . import editor, review, revisions, translations, workflow


class ReviewStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("medical review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", _("Awaiting review")),
            ("overdue", _("Overdue for review")),
            ("due-soon", _("Review due within 90 days")),
            ("none", _("No review recorded")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "awaiting":
                return queryset.filter(pk__in=selectors.articles_awaiting_review())
            case "overdue":
                return queryset.filter(
                    pk__in=selectors.articles_overdue_for_review(today=today)
                )
            case "due-soon":
                return queryset.filter(
                    next_review_due__gte=today,
                    next_review_due__lte=today + datetime.timedelta(days=90),
                )
            case "none":
                return queryset.filter(live_review__isnull=True)
        return queryset


class ReviewerFilter(admin.SimpleListFilter):
    title = gettext_lazy("reviewer")
    parameter_name = "reviewer"

    def lookups(self, request, model_admin):
        return [
            (str(pk), name)
            for pk, name in ReviewSignOff.objects.filter(reviewer__isnull=False)
            .values_list("reviewer_id", "reviewer_name")
            .order_by("reviewer_name")
            .distinct()
        ]

    def queryset(self, request, queryset):
        if self.value():
            if not self.value().isdigit():
                return queryset.none()
            return queryset.filter(live_review__reviewer_id=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "state",
        "kind",
        "channel",
        "reviewer",
        "next_review_due",
        "last_published_at",
    ]
    list_filter = [
        "status",
        "kind",
        ("channel", admin.RelatedOnlyFieldListFilter),
        ReviewerFilter,
        ReviewStateFilter,
        "featured",
    ]
    search_fields = ["title", "slug", "summary"]
    list_select_related = ["channel", "live_review"]
    # Most recently worked on first, whatever the database does with empty dates.
    ordering = ["-updated_at", "-id"]
    view_on_site = False
    actions = [
        "submit_selected",
        "publish_selected",
        "unpublish_selected",
        "archive_selected",
        "feature_selected",
        "unfeature_selected",
    ]

    # List columns

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def state(self, article: Article) -> str:
        return article.workflow_label()

    @admin.display(description=gettext_lazy("reviewed by"))
    def reviewer(self, article: Article) -> str:
        return article.live_review.reviewer_name if article.live_review else "—"

    # Permissions: from the permission module; deleting is replaced by archiving.

    def has_publish_permission(self, request) -> bool:
        return permissions.can_publish_articles(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "overdue_count": selectors.articles_overdue_for_review().count(),
            "awaiting_count": selectors.articles_awaiting_review().count(),
            "can_review": permissions.can_review_articles(request.user),
        }
        return super().changelist_view(request, extra_context)

    # Bulk actions: each article goes through its service; failures are reported.

    def _each(self, request, queryset, verb, done_message) -> None:
        done = 0
        for article in queryset:
            try:
                verb(article)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(
                    request, f"{article.title}: {text}", level=messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done})

    @admin.action(description=gettext_lazy("Submit for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda a: services.submit_for_review(a, actor=request.user),
            _("%(count)d article(s) submitted for review."),
        )

    @admin.action(description=gettext_lazy("Publish now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda a: services.publish_article(a, actor=request.user),
            _("%(count)d article(s) published."),
        )

    @admin.action(description=gettext_lazy("Unpublish"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda a: services.unpublish_article(a, actor=request.user),
            _("%(count)d article(s) unpublished."),
        )

    @admin.action(description=gettext_lazy("Archive"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda a: services.archive_article(a, actor=request.user),
            _("%(count)d article(s) archived."),
        )

    @admin.action(
        description=gettext_lazy("Feature on the library home"), permissions=["publish"]
    )
    def feature_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda a: services.set_featured(a, actor=request.user, featured=True),
            _("%(count)d article(s) featured."),
        )

    @admin.action(description=gettext_lazy("Stop featuring"), permissions=["publish"])
    def unfeature_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda a: services.set_featured(a, actor=request.user, featured=False),
            _("%(count)d article(s) no longer featured."),
        )

    # Pages: views in the modules beside this one, wired up here.

    def get_urls(self):
        def page(view):
            return self.admin_site.admin_view(partial(view, model_admin=self))

        own = [
            path(
                "<id:object_id>/workflow/",
                page(workflow.run_workflow_step),
                name="articles_article_workflow",
            ),
            path(
                "<id:object_id>/review/",
                page(review.review_article),
                name="articles_article_review",
            ),
            path(
                "<id:object_id>/compare/",
                page(revisions.compare_two_revisions),
                name="articles_article_compare",
            ),
            path(
                "<id:object_id>/restore/<id:revision_id>/",
                page(revisions.restore_revision),
                name="articles_article_restore",
            ),
            path(
                "<id:object_id>/translate/",
                page(translations.translate_article),
                name="articles_article_translate",
            ),
        ]
        return own + super().get_urls()

    def add_view(self, request, form_url="", extra_context=None):
        return editor.add_article(request, model_admin=self)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return editor.edit_article(request, object_id, model_admin=self)

    def history_view(self, request, object_id, extra_context=None):
        return revisions.revision_history(request, object_id, model_admin=self)
