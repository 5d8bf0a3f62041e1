"""Member pages that live under /accounts/ beside allauth's."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/export/", views.privacy_export, name="privacy-export"),
    path("privacy/delete/", views.privacy_delete, name="privacy-delete"),
    # Ours, not allauth.usersessions' page: device names and one-by-one sign-out.
    path("sessions/", views.devices, name="devices"),
    path("sessions/<id:pk>/sign-out/", views.device_sign_out, name="device-sign-out"),
    path(
        "sessions/sign-out-others/",
        views.devices_sign_out_others,
        name="devices-sign-out-others",
    ),
]
