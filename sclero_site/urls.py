from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.page, {"name": "about"}, name="about"),
    path("terms/", views.page, {"name": "terms"}, name="terms"),
    path("privacy/", views.page, {"name": "privacy"}, name="privacy"),
    path("contact/", views.page, {"name": "contact"}, name="contact"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("members/", include("members.urls")),
    path("accounts/", include("members.account_urls")),
    path("accounts/notifications/", include("forum.notification_urls")),
    path("accounts/", include("allauth.urls")),
    path("articles/", include("articles.urls")),
    path("forum/", include("forum.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sclero_site.views.permission_denied"
handler404 = "sclero_site.views.page_not_found"
handler500 = "sclero_site.views.server_error"
