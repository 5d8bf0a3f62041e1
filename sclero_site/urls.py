from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.sitemaps import SITEMAPS as ARTICLE_SITEMAPS
from forum.sitemaps import SITEMAPS as FORUM_SITEMAPS

from . import csp, i18n, media, pwa, sitemaps, views

# Each app adds its sections here; /sitemap.xml is their index.
SITEMAPS = {**ARTICLE_SITEMAPS, **FORUM_SITEMAPS}

# Machine addresses, the switcher and the admin: one address, no language prefix.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("csp-report/", csp.csp_report, name="csp-report"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("i18n/setlang/", i18n.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
# Reading and member pages: English at the plain address, Chinese under /zh-hant/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    path("about/", views.page, {"name": "about"}, name="about"),
    path("terms/", views.page, {"name": "terms"}, name="terms"),
    path("privacy/", views.page, {"name": "privacy"}, name="privacy"),
    path("contact/", views.page, {"name": "contact"}, name="contact"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("comfort/", views.comfort_settings, name="comfort"),
    path("topics/<uslug:slug>/", views.topic_detail, name="topic-detail"),
    path("members/", include("members.urls")),
    path("accounts/", include("members.account_urls")),
    path("accounts/notifications/", include("forum.notification_urls")),
    path("accounts/", include("allauth.urls")),
    path("articles/", include("articles.urls")),
    path("forum/", include("forum.urls")),
    path("messages/", include("conversations.urls")),
    path("search/", include("search.urls")),
    prefix_default_language=False,
)
# Uploaded files (article hero images) in debug mode; production serves MEDIA_ROOT itself.
urlpatterns += static(
    settings.MEDIA_URL, view=media.serve_media, document_root=settings.MEDIA_ROOT
)

handler403 = "sclero_site.views.permission_denied"
handler404 = "sclero_site.views.page_not_found"
handler500 = "sclero_site.views.server_error"
