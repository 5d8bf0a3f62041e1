from django.urls import path

from . import views

app_name = "forum"

# Fixed paths first: board slugs can't take these (see RESERVED_BOARD_SLUGS).
urlpatterns = [
    path("", views.index, name="index"),
    path("t/<int:pk>/", views.thread_redirect, name="thread-redirect"),
    path("t/<int:pk>/reply/", views.reply_create, name="reply-create"),
    path("t/<int:pk>/follow/", views.thread_follow, name="thread-follow"),
    path("t/<int:pk>/<str:slug>/", views.thread_detail, name="thread-detail"),
    path("p/<int:pk>/", views.post_permalink, name="post-permalink"),
    path("p/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("p/<int:pk>/delete/", views.post_delete, name="post-delete"),
    path("p/<int:pk>/like/", views.post_like, name="post-like"),
    path("p/<int:pk>/helpful/", views.post_helpful, name="post-helpful"),
    path("p/<int:pk>/versions/", views.post_versions_view, name="post-versions"),
    path("<slug:slug>/", views.board_detail, name="board-detail"),
    path("<slug:slug>/new/", views.thread_create, name="thread-create"),
]
