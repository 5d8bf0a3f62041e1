"""The forum in the admin: boards are edited here; posts and threads are read-only.

Posts change only through the services (history, counters, notifications), so
the admin shows them without edit forms. Moderation actions live in issue 5's
queue at /forum/moderation/.
"""

from django.contrib import admin

from .models import Board, BoardGroup, Post, PostVersion, Thread


class BoardInline(admin.TabularInline):
    model = Board
    extra = 0
    fields = ["name", "slug", "kind", "position", "disclaimer"]
    show_change_link = True


@admin.register(BoardGroup)
class BoardGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BoardInline]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "kind", "position", "thread_count", "post_count"]
    list_filter = ["group", "kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["group"]
    readonly_fields = ["thread_count", "post_count", "last_post_at", "last_thread"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
    list_filter = ["board", "is_pinned", "is_locked"]
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
