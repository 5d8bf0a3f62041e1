"""RSS and Atom feeds of published articles: the whole library and each channel."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.conf import site_settings
from core.plaintext import excerpt, one_line

from . import selectors


class LatestArticlesFeed(Feed):
    title = _("Latest articles")
    link = reverse_lazy("articles:library")
    description = _(
        "New and updated guides, drug pages and news, reviewed by health professionals."
    )

    def items(self):
        return selectors.feed_articles()

    def item_title(self, item) -> str:
        return one_line(item.title)

    def item_description(self, item) -> str:
        return excerpt(item.summary, 600)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item) -> list[str]:
        return [topic.local_name for topic in item.topics.all()]

    def feed_copyright(self) -> str:
        return site_settings.NAME


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class ChannelFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(selectors.channels(), slug=slug)

    def title(self, channel) -> str:
        return _("Latest articles in %(channel)s") % {"channel": channel.local_name}

    def link(self, channel) -> str:
        return channel.get_absolute_url()

    def description(self, channel) -> str:
        return channel.description or self.title(channel)

    def items(self, channel):
        return selectors.feed_articles(channel=channel)


class ChannelAtomFeed(ChannelFeed):
    feed_type = Atom1Feed

    def subtitle(self, channel) -> str:
        return self.description(channel)
