"""Member pages that live under /accounts/ beside allauth's."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/export/", views.privacy_export, name="privacy-export"),
    path("privacy/delete/", views.privacy_delete, name="privacy-delete"),
]
