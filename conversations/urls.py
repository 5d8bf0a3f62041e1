from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.start, name="start"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/leave/", views.leave, name="leave"),
    path("message/<id:pk>/edit/", views.message_edit, name="message-edit"),
    path("message/<id:pk>/report/", views.message_report, name="message-report"),
    path("message/<id:pk>/hide/", views.message_hide, name="message-hide"),
    path("photos/<id:pk>/", views.photo, name="photo"),
    path("photos/<id:pk>/thumb/", views.photo, {"size": "thumb"}, name="photo-thumb"),
    path("photos/held/", views.held_photo_queue, name="held-photos"),
    path("photos/held/<id:pk>/", views.held_photo_decide, name="held-photo-decide"),
    path(
        "reports/<id:pk>/photos/<id:photo_pk>/",
        views.report_photo,
        name="report-photo",
    ),
    path("reports/", views.report_queue, name="report-queue"),
    path("reports/<id:pk>/", views.report_detail, name="report-detail"),
    path("reports/<id:pk>/dismiss/", views.report_dismiss, name="report-dismiss"),
]
