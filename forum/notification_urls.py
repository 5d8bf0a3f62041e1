"""/accounts/notifications/… (included before allauth's URLs)."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.notification_read_all, name="read-all"),
    path("reports/", views.my_reports, name="reports"),
    path("<id:pk>/read/", views.notification_read, name="read"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
