"""Reads for the library. Every public query starts from `published_articles()`.

Each selector owns its `select_related` / `prefetch_related`, so a page runs
the same number of queries whatever the number of articles, topics or
references.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import pagecache
from core.languages import reader_first
from core.models import Topic
from members.models import User

from .models import (
    Article,
    ArticleRedirect,
    Channel,
    CorrectionRequest,
    ReviewSignOff,
    Revision,
)

# List items never need the article text.
_CARD_DEFERRED = ("body", "body_html")


def published_q(*, prefix: str = "", now: datetime.datetime | None = None) -> Q:
    """The visibility rule as a filter; `prefix` applies it through a relation
    (search filters its entries with `published_q(prefix="article__")`)."""
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}status__in": Article.LIVE_STATUSES,
            f"{prefix}publish_at__lte": now,
        }
    ) & (
        Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now})
    )


def published_articles(*, now: datetime.datetime | None = None) -> QuerySet[Article]:
    """Articles readers may see now: live status, `publish_at` passed, not expired.

    The one visibility rule (`published_q`) for lists, pages, feeds, the sitemap,
    related articles, referring pages and search. Scheduled articles appear at
    their time even before `publish_scheduled` flips their status.
    """
    return Article.objects.filter(published_q(now=now))


def article_cards(queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """What a list item shows: title, summary, kind, dates, channel."""
    queryset = published_articles() if queryset is None else queryset
    return (
        queryset.select_related("channel")
        .defer(*_CARD_DEFERRED)
        .order_by("-first_published_at", "-id")
    )


def in_reader_language(
    queryset: QuerySet[Article], language: str | None
) -> QuerySet[Article]:
    """`queryset` with `language` first, leaving out an article whose translation
    in `language` is published (the reader gets that one instead)."""
    if not language:
        return queryset
    translated = published_articles().filter(
        language=language, translation_group__isnull=False
    )
    return reader_first(
        queryset.exclude(
            Q(translation_group__in=translated.values("translation_group"))
            & ~Q(language=language)
        ),
        language,
    )


def latest_articles(*, language: str | None = None) -> QuerySet[Article]:
    """Every published article, newest first, those in `language` first (paginate it)."""
    return in_reader_language(article_cards(), language)


def featured_articles(*, limit: int = 3, language: str | None = None) -> list[Article]:
    featured = article_cards(published_articles().filter(featured=True)).order_by(
        "-last_published_at", "-id"
    )
    return list(in_reader_language(featured, language)[:limit])


def article_translations(
    article: Article, *, language: str | None = None
) -> list[Article]:
    """The published translations of `article` (not itself), `language` first."""
    if article.translation_group is None or article.pk is None:
        return []
    translations = (
        published_articles()
        .filter(translation_group=article.translation_group)
        .exclude(pk=article.pk)
        .only("slug", "title", "language", "translation_group")
        .order_by("language")
    )
    return list(reader_first(translations, language))


def translation_group(article: Article) -> list[Article]:
    """Every article in `article`'s group, whatever its status (for editors)."""
    if article.translation_group is None:
        return [article]
    return list(
        Article.objects.filter(translation_group=article.translation_group)
        .defer(*_CARD_DEFERRED)
        .order_by("language", "pk")
    )


HOME_CACHE_KEY = "articles:home:v2"
HOME_CACHE_SECONDS = 300


def home_articles(
    *, featured: int = 3, latest: int = 5, language: str | None = None
) -> dict[str, list[Article]]:
    """Featured and latest articles for the site's home page, without repeats.

    Cached (the home page is the busiest page) under the content version
    (`core.pagecache`), read before the articles are: every change visitors can
    see, publishing included, starts a new version and so a new selection. It
    never outlives the next scheduled publication or expiry either, so the home
    page follows the visibility rule too.
    """
    version = pagecache.current_version()
    default = (featured, latest) == (3, 5) and version is not None
    key = _home_key(language, version)
    if default and (cached := cache.get(key)) is not None:
        return cached
    now = timezone.now()
    chosen = featured_articles(limit=featured, language=language)
    others = article_cards().exclude(pk__in=[article.pk for article in chosen])
    newest = list(in_reader_language(others, language)[:latest])
    result = {"featured": chosen, "latest": newest}
    if default:
        cache.set(key, result, _seconds_until_visibility_changes(now))
    return result


def _home_key(language: str | None, version: int | None) -> str:
    """One cached home selection per content version and reader language."""
    return f"{HOME_CACHE_KEY}:{version}:{language or ''}"


def next_visibility_change(now: datetime.datetime) -> datetime.datetime | None:
    """The next scheduled publication or expiry after `now` (the clock alone makes
    articles appear and disappear); the visitors' page cache never outlives it."""
    upcoming = Article.objects.filter(status__in=Article.LIVE_STATUSES).aggregate(
        publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        expire=Min("expire_at", filter=Q(expire_at__gt=now)),
    )
    moments = [moment for moment in upcoming.values() if moment is not None]
    return min(moments, default=None)


def _seconds_until_visibility_changes(now: datetime.datetime) -> int:
    """Seconds until the next scheduled publication or expiry (at most the cache time)."""
    seconds = HOME_CACHE_SECONDS
    if (moment := next_visibility_change(now)) is not None:
        seconds = min(seconds, int((moment - now).total_seconds()) + 1)
    return max(seconds, 1)


def top_channels() -> list[Channel]:
    """Top-level channels with their subchannels, for the library's navigation."""
    return list(
        Channel.objects.filter(parent__isnull=True).prefetch_related("children")
    )


def reader_articles() -> QuerySet[Article]:
    """Published articles with everything their page shows, in a fixed number of queries."""
    return (
        published_articles()
        .select_related("channel__parent__parent", "live_review", "drug_profile")
        .prefetch_related(
            "topics",
            "references",
            Prefetch("authors", queryset=User.objects.select_related("profile")),
        )
    )


def redirected_article(slug: str) -> Article | None:
    """The published article that used to live at `slug`, if any."""
    redirect = (
        ArticleRedirect.objects.filter(old_slug=slug, article__in=published_articles())
        .select_related("article")
        .first()
    )
    return redirect.article if redirect else None


def articles_for_topics(
    topic_ids: Iterable[int],
    *,
    limit: int = 5,
    exclude_id: int | None = None,
    exclude_group=None,
    language: str | None = None,
) -> list[Article]:
    """Published articles sharing topics with `topic_ids`, most shared topics first
    (those in `language` first; never the page's own translations, `exclude_group`).

    For related articles on an article page and on forum threads.
    """
    topic_ids = list(topic_ids)
    if not topic_ids:
        return []
    queryset = published_articles().filter(topics__in=topic_ids)
    if exclude_id is not None:
        queryset = queryset.exclude(pk=exclude_id)
    if exclude_group is not None:
        queryset = queryset.exclude(translation_group=exclude_group)
    queryset = (
        queryset.annotate(shared_topics=Count("topics", distinct=True))
        .select_related("channel")
        .defer(*_CARD_DEFERRED)
        .order_by("-shared_topics", "-first_published_at", "-id")
    )
    return list(in_reader_language(queryset, language)[:limit])


def referring_articles(article: Article, *, limit: int = 20) -> list[Article]:
    """Published articles whose live text links to `article` (by its slug or an old one)."""
    old_slugs = ArticleRedirect.objects.filter(article=article).values("old_slug")
    return list(
        published_articles()
        .filter(
            Q(outgoing_links__target_slug=article.slug)
            | Q(outgoing_links__target_slug__in=old_slugs)
        )
        .exclude(pk=article.pk)
        .distinct()
        .select_related("channel")
        .defer(*_CARD_DEFERRED)
        .order_by("-first_published_at", "-id")[:limit]
    )


def channels() -> QuerySet[Channel]:
    """Channels with their ancestors (the tree is at most three levels deep)."""
    return Channel.objects.select_related("parent__parent")


def channel_articles(
    channel: Channel, *, language: str | None = None
) -> QuerySet[Article]:
    """Published articles in `channel` and its subchannels, newest first, those in
    `language` first."""
    tree = Channel.objects.filter(
        Q(pk=channel.pk) | Q(parent_id=channel.pk) | Q(parent__parent_id=channel.pk)
    ).values("pk")
    return in_reader_language(
        article_cards(published_articles().filter(channel__in=tree)), language
    )


@dataclass(frozen=True)
class ChannelNeighbours:
    """Where a channel sits in the library: its parent, the channels beside it,
    the ones inside it, and related channels elsewhere in the tree."""

    parent: Channel | None
    siblings: list[Channel]
    children: list[Channel]
    related: list[Channel]

    def __bool__(self) -> bool:
        return bool(self.parent or self.siblings or self.children or self.related)


RELATED_CHANNELS_MAX = 6


def channel_neighbours(channel: Channel) -> ChannelNeighbours:
    """Parent, siblings, children and related channels of `channel`, in two queries.

    Load `channel` with its parent (`channels()` does). Related channels are
    the ones editors linked to this channel or to one of its ancestors (a leaf
    such as Immunosuppressants inherits Drugs' "Treatments"), then channels
    whose published articles share topics with this channel's published
    articles, most shared topics first. Each channel is listed once: a
    related sibling under related.
    """
    family = Channel.objects.filter(
        Q(parent_id=channel.pk)
        | (
            Q(parent_id=channel.parent_id)
            if channel.parent_id
            else Q(parent__isnull=True)
        )
    ).exclude(pk=channel.pk)
    parent, siblings, children = channel.parent, [], []
    for other in family:
        (children if other.parent_id == channel.pk else siblings).append(other)
    lineage = [channel.pk, *(ancestor.pk for ancestor in channel.ancestors())]
    family_ids = {*lineage, *(other.pk for other in children)}
    links = Channel.related_channels.through.objects.filter(
        from_channel_id=OuterRef("pk"), to_channel_id__in=lineage
    )
    own_topics = published_articles().filter(channel=channel).values("topics")
    shared_topics = (
        Topic.objects.filter(
            published_q(prefix="articles__"),
            articles__channel_id=OuterRef("pk"),
            pk__in=own_topics,
        )
        .order_by()
        .annotate(
            n=Func(
                F("pk"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)"
            )
        )
        .values("n")[:1]
    )
    related = list(
        Channel.objects.annotate(
            is_linked=Exists(links),
            shared_topics=Coalesce(Subquery(shared_topics), 0),
        )
        .filter(Q(is_linked=True) | Q(shared_topics__gt=0))
        .exclude(pk__in=family_ids)
        .order_by("-is_linked", "-shared_topics", "position", "name")[
            :RELATED_CHANNELS_MAX
        ]
    )
    related_ids = {other.pk for other in related}
    siblings = [other for other in siblings if other.pk not in related_ids]
    return ChannelNeighbours(parent, siblings, children, related)


def topics() -> QuerySet[Topic]:
    return Topic.objects.all()


def topic_articles(topic: Topic) -> QuerySet[Article]:
    """Published articles on `topic`, newest first."""
    return article_cards(published_articles().filter(topics=topic))


def feed_articles(*, channel: Channel | None = None, limit: int = 30) -> list[Article]:
    queryset = channel_articles(channel) if channel is not None else article_cards()
    return list(queryset.prefetch_related("topics")[:limit])


def sitemap_articles() -> QuerySet[Article]:
    return (
        published_articles()
        .only("slug", "last_published_at", "language", "translation_group")
        .order_by("pk")
    )


# Editors and reviewers


def articles_overdue_for_review(
    *, today: datetime.date | None = None
) -> QuerySet[Article]:
    """Published articles whose next medical review date has passed, oldest first."""
    today = today or timezone.localdate()
    return (
        published_articles()
        .filter(next_review_due__lt=today)
        .select_related("channel", "live_review")
        .order_by("next_review_due", "pk")
    )


def articles_awaiting_review() -> QuerySet[Article]:
    """Articles submitted for review whose latest revision nobody has signed off yet."""
    signed = ReviewSignOff.objects.values("revision_id")
    return (
        Article.objects.filter(
            Q(status=Article.Status.IN_REVIEW) | Q(review_requested_at__isnull=False)
        )
        .exclude(latest_revision__in=signed)
        .exclude(status=Article.Status.ARCHIVED)
        .order_by("review_requested_at", "pk")
    )


def revision_history(article: Article) -> QuerySet[Revision]:
    return (
        article.revisions.select_related("author__profile")
        .prefetch_related("sign_offs")
        .order_by("-number")
    )


def latest_sign_off(revision: Revision | None) -> ReviewSignOff | None:
    if revision is None:
        return None
    return revision.sign_offs.order_by("-reviewed_at", "-pk").first()


def author_choices() -> QuerySet[User]:
    """People who can write articles (and everyone already credited on one)."""
    writers = Q(is_superuser=True) | Q(
        groups__permissions__codename="change_article",
        groups__permissions__content_type__app_label="articles",
    )
    return (
        User.objects.filter(writers | Q(authored_articles__isnull=False))
        .filter(is_active=True)
        .select_related("profile")
        .distinct()
        .order_by("profile__display_name")
    )


def open_corrections() -> QuerySet[CorrectionRequest]:
    return CorrectionRequest.objects.filter(
        status=CorrectionRequest.Status.OPEN
    ).select_related("article", "reporter__profile")
