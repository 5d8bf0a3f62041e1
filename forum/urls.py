from django.urls import path

from . import views

app_name = "forum"

# Fixed paths first: board slugs can't take these (see RESERVED_BOARD_SLUGS).
urlpatterns = [
    path("", views.index, name="index"),
    path("drafts/save/", views.draft_autosave, name="draft-save"),
    path("photos/<id:pk>/", views.photo, name="photo"),
    path("photos/<id:pk>/thumb/", views.photo, {"size": "thumb"}, name="photo-thumb"),
    # A thread by its id alone: a members-only thread's address (no title in it),
    # or on to a public thread's address with its slug.
    path("t/<id:pk>/", views.thread_detail, name="thread"),
    path("t/<id:pk>/reply/", views.reply_create, name="reply-create"),
    path("t/<id:pk>/follow/", views.thread_follow, name="thread-follow"),
    path("t/<id:pk>/<str:slug>/", views.thread_detail, name="thread-detail"),
    path("p/<id:pk>/", views.post_permalink, name="post-permalink"),
    path("p/<id:pk>/edit/", views.post_edit, name="post-edit"),
    path("p/<id:pk>/delete/", views.post_delete, name="post-delete"),
    path("p/<id:pk>/like/", views.post_like, name="post-like"),
    path("p/<id:pk>/helpful/", views.post_helpful, name="post-helpful"),
    path("p/<id:pk>/versions/", views.post_versions_view, name="post-versions"),
    path("p/<id:pk>/report/", views.post_report, name="post-report"),
    path("members/<id:pk>/report/", views.member_report, name="member-report"),
    path("moderation/", views.moderation.queue, name="moderation-queue"),
    path("moderation/log/", views.moderation.log, name="moderation-log"),
    path("moderation/bulk/", views.moderation.bulk, name="moderation-bulk"),
    path("moderation/p/<id:pk>/", views.moderation.post_review, name="moderation-post"),
    path(
        "moderation/p/<id:pk>/edit/",
        views.moderation.post_edit,
        name="moderation-post-edit",
    ),
    path(
        "moderation/members/<id:pk>/",
        views.moderation.member_review,
        name="moderation-member",
    ),
    path("<slug:slug>/", views.board_detail, name="board-detail"),
    path("<slug:slug>/new/", views.thread_create, name="thread-create"),
    path("<slug:slug>/read/", views.board_mark_read, name="board-mark-read"),
]
