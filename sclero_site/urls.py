from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from forum.sitemaps import SITEMAPS as FORUM_SITEMAPS

from . import csp, media, sitemaps, views

# Each app adds its sections here; /sitemap.xml is their index.
SITEMAPS = {**ARTICLE_SITEMAPS, **FORUM_SITEMAPS}

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.page, {"name": "about"}, name="about"),
    path("terms/", views.page, {"name": "terms"}, name="terms"),
    path("privacy/", views.page, {"name": "privacy"}, name="privacy"),
    path("contact/", views.page, {"name": "contact"}, name="contact"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("healthz", views.healthz, name="healthz"),
    path("csp-report/", csp.csp_report, name="csp-report"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("topics/<uslug:slug>/", views.topic_detail, name="topic-detail"),
    path("members/", include("members.urls")),
    path("accounts/", include("members.account_urls")),
    path("accounts/notifications/", include("forum.notification_urls")),
    path("accounts/", include("allauth.urls")),
    path("articles/", include("articles.urls")),
    path("forum/", include("forum.urls")),
    path("messages/", include("conversations.urls")),
    path("search/", include("search.urls")),
    path("admin/", admin.site.urls),
]
# Uploaded files (article hero images) in debug mode; production serves MEDIA_ROOT itself.
urlpatterns += static(
    settings.MEDIA_URL, view=media.serve_media, document_root=settings.MEDIA_ROOT
)

handler403 = "sclero_site.views.permission_denied"
handler404 = "sclero_site.views.page_not_found"
handler500 = "sclero_site.views.server_error"
