from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.library, name="library"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("channel/<uslug:slug>/", views.channel_detail, name="channel"),
    path("channel/<uslug:slug>/feed/", feeds.ChannelFeed(), name="channel-feed"),
    path(
        "channel/<uslug:slug>/feed/atom/",
        feeds.ChannelAtomFeed(),
        name="channel-feed-atom",
    ),
    path("preview/<id:pk>/", views.revision_preview, name="preview"),
    path("<uslug:slug>/", views.article_detail, name="detail"),
    path("<uslug:slug>/report/", views.article_report, name="report"),
]
