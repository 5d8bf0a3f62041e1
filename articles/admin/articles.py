"""The editor interface for articles, inside the Django admin.

The admin's own change form is replaced by an editor that reads the latest
revision (so editing a live article shows the draft, not the live page) and
saves through `services.save_draft`. Workflow buttons, review sign-off,
revision history, comparison and restore are admin views that call services.
What anyone may do comes from permissions, never from `is_staff`.
"""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.converters import parse_id

from .. import content as article_content
from .. import permissions, selectors, services
from ..diff import compare_revisions, summary_line
from ..models import Article, ReviewSignOff, Revision
from .forms import (
    ArticleEditorForm,
    ReferenceFormSet,
    SignOffForm,
    WorkflowForm,
    references_from,
)


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

    # URLs

    def get_urls(self):
        wrap = self.admin_site.admin_view
        own = [
            path(
                "<id:object_id>/workflow/",
                wrap(self.workflow_view),
                name="articles_article_workflow",
            ),
            path(
                "<id:object_id>/review/",
                wrap(self.review_view),
                name="articles_article_review",
            ),
            path(
                "<id:object_id>/compare/",
                wrap(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<id:object_id>/restore/<id:revision_id>/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        return own + super().get_urls()

    # Shared context

    def _context(self, request, article: Article | None, **extra) -> dict:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "article": article,
            "can_edit": permissions.can_edit_articles(request.user),
            "can_review": permissions.can_review_articles(request.user),
            "can_publish": permissions.can_publish_articles(request.user),
            "can_return": permissions.can_return_to_draft(request.user),
            "time_zone": timezone.get_current_timezone_name(),
        }
        if article is not None:
            latest = article.latest_revision
            latest_sign_off = selectors.latest_sign_off(latest)
            context.update(
                latest=latest,
                latest_sign_off=latest_sign_off,
                needs_review=bool(latest)
                and latest.content.get("kind") in Article.MEDICAL_KINDS
                and latest_sign_off is None,
                is_visible=article.is_visible(),
                workflow_label=article.workflow_label(),
                in_review=article.status == Article.Status.IN_REVIEW
                or bool(article.review_requested_at),
                is_live_status=article.status in Article.LIVE_STATUSES,
            )
        context.update(extra)
        return context

    def _article(self, request, object_id) -> Article:
        try:
            object_id = int(object_id)
        except (TypeError, ValueError):
            raise Http404(_("No article with that id.")) from None
        article = (
            Article.objects.select_related(
                "channel",
                "live_revision",
                "latest_revision__author__profile",
                "live_review",
            )
            .filter(pk=object_id)
            .first()
        )
        if article is None:
            raise Http404(_("No article with that id."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    # Editor (add and change)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return self._editor(request, None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self._article(request, object_id)
        if not self.has_change_permission(request, article):
            return redirect("admin:articles_article_review", article.pk)
        return self._editor(request, article)

    def _editor(self, request, article: Article | None):
        latest = article.latest_revision if article else None
        previous = article_content.normalize(latest.content) if latest else None
        conflict = None
        if request.method == "POST":
            form = ArticleEditorForm(request.POST, request.FILES)
            refs = ReferenceFormSet(request.POST, prefix="refs")
            if form.is_valid() and refs.is_valid():
                data = form.cleaned_data
                base = None
                if article is not None and data["based_on"]:
                    base = Revision.objects.filter(
                        article=article, pk=data["based_on"]
                    ).first()
                content = form.to_content(
                    base.content if base else previous, references_from(refs)
                )
                try:
                    if article is None:
                        article = services.create_article(
                            actor=request.user,
                            content=content,
                            note=data["note"],
                            hero_upload=data["hero_image"],
                        )
                        revision = article.latest_revision
                    else:
                        revision = services.save_draft(
                            article,
                            actor=request.user,
                            content=content,
                            based_on=data["based_on"],
                            note=data["note"],
                            overwrite=data["overwrite"],
                            hero_upload=data["hero_image"],
                        )
                except services.EditConflict as error:
                    conflict = error.latest
                    form.add_error(None, error)
                except ValidationError as error:
                    _add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("Saved as revision %(number)d.") % {"number": revision.number}
                        + (
                            " " + _("Readers still see the published version.")
                            if article.is_visible()
                            else ""
                        ),
                    )
                    if "_preview" in request.POST:
                        return redirect("articles:preview", revision.pk)
                    if "_continue" in request.POST:
                        return redirect("admin:articles_article_change", article.pk)
                    return redirect("admin:articles_article_changelist")
        else:
            content = previous or article_content.empty_content()
            form = ArticleEditorForm(
                initial=ArticleEditorForm.initial_from(
                    content, based_on=latest.pk if latest else None
                )
            )
            refs = ReferenceFormSet(initial=content["references"], prefix="refs")
        title = (
            _("Add article")
            if article is None
            else _("Edit “%(title)s”")
            % {"title": (previous or {}).get("title") or article.title}
        )
        context = self._context(
            request,
            article,
            title=title,
            form=form,
            refs=refs,
            conflict=conflict,
            hero_image=(previous or {}).get("hero_image", ""),
        )
        return TemplateResponse(request, "admin/articles/article/editor.html", context)

    # Workflow buttons

    def workflow_view(self, request, object_id):
        if request.method != "POST":
            return redirect("admin:articles_article_change", object_id)
        article = self._article(request, object_id)
        form = WorkflowForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self._back(request, article)
        data = form.cleaned_data
        actor, reason = request.user, data["reason"]
        steps = {
            "submit": (
                lambda: services.submit_for_review(article, actor=actor, note=reason),
                _("Submitted for review. Reviewers can now sign it off."),
            ),
            "return": (
                lambda: services.return_to_draft(article, actor=actor, reason=reason),
                _("Sent back to draft with your note."),
            ),
            "publish": (
                lambda: services.publish_article(
                    article, actor=actor, expire_at=data["expire_at"], note=reason
                ),
                _("Published: readers see the latest revision now."),
            ),
            "schedule": (
                lambda: services.publish_article(
                    article,
                    actor=actor,
                    publish_at=data["publish_at"],
                    expire_at=data["expire_at"],
                    note=reason,
                ),
                _("Scheduled."),
            ),
            "unpublish": (
                lambda: services.unpublish_article(article, actor=actor, reason=reason),
                _("Unpublished: readers no longer see it."),
            ),
            "archive": (
                lambda: services.archive_article(article, actor=actor, reason=reason),
                _("Archived."),
            ),
        }
        step, done = steps[data["action"]]
        try:
            step()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return self._back(request, article)

    def _back(self, request, article) -> HttpResponseRedirect:
        if self.has_change_permission(request, article):
            return redirect("admin:articles_article_change", article.pk)
        return redirect("admin:articles_article_review", article.pk)

    # Review and sign-off

    def review_view(self, request, object_id):
        article = self._article(request, object_id)
        latest = article.latest_revision
        form = SignOffForm(
            request.POST or None, initial={"revision": latest.pk if latest else None}
        )
        if request.method == "POST":
            permissions.check_review_articles(request.user)
            if form.is_valid():
                revision = get_object_or_404(
                    Revision, pk=form.cleaned_data["revision"], article=article
                )
                try:
                    services.sign_off_review(
                        article,
                        actor=request.user,
                        revision=revision,
                        note=form.cleaned_data["note"],
                        next_review_due=form.cleaned_data["next_review_due"],
                    )
                except ValidationError as error:
                    _add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("Signed off revision %(number)d.")
                        % {"number": revision.number},
                    )
                    return redirect("admin:articles_article_review", article.pk)
        diffs = []
        live = article.live_revision
        if latest and live and latest.pk != live.pk:
            diffs = [diff for diff in compare_revisions(live, latest) if diff.changed]
        context = self._context(
            request,
            article,
            title=_("Review “%(title)s”") % {"title": article.title},
            form=form,
            diffs=diffs,
            sign_offs=ReviewSignOff.objects.filter(article=article).select_related(
                "revision"
            )[:20],
        )
        return TemplateResponse(request, "admin/articles/article/review.html", context)

    # Revisions: history, compare, restore

    def history_view(self, request, object_id, extra_context=None):
        article = self._article(request, object_id)
        revisions = list(selectors.revision_history(article)[:200])
        context = self._context(
            request,
            article,
            title=_("Revisions of “%(title)s”") % {"title": article.title},
            revisions=revisions,
        )
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def compare_view(self, request, object_id):
        article = self._article(request, object_id)
        revisions = article.revisions.select_related("author__profile")
        try:
            old = revisions.get(pk=parse_id(request.GET.get("a")) or 0)
            new = revisions.get(pk=parse_id(request.GET.get("b")) or 0)
        except (ValueError, Revision.DoesNotExist):
            messages.error(
                request, _("Choose two revisions of this article to compare.")
            )
            return redirect("admin:articles_article_history", article.pk)
        if old.number > new.number:
            old, new = new, old
        diffs = compare_revisions(old, new)
        context = self._context(
            request,
            article,
            title=_("Compare revisions %(old)d and %(new)d")
            % {"old": old.number, "new": new.number},
            old=old,
            new=new,
            diffs=diffs,
            summary=summary_line(diffs),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return redirect("admin:articles_article_history", object_id)
        article = self._article(request, object_id)
        revision = get_object_or_404(Revision, pk=revision_id, article=article)
        try:
            new = services.restore_revision(
                article, actor=request.user, revision=revision
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("admin:articles_article_history", article.pk)
        messages.success(
            request,
            _("Revision %(old)d restored as the new draft (revision %(new)d).")
            % {"old": revision.number, "new": new.number},
        )
        return redirect("admin:articles_article_change", article.pk)


def _add_service_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the matching form fields, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    aliases = {"channel_id": "channel", "topic_ids": "topics", "author_ids": "authors"}
    for key, messages_ in error.message_dict.items():
        name = aliases.get(key, key)
        if name in form.fields:
            form.add_error(name, messages_)
        else:
            form.add_error(None, messages_)
