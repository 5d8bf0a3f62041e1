"""The one search function the views call, and 'similar' searches built on it."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from articles.selectors import published_q
from forum.selectors import searchable_q

from .backends import backend
from .highlight import marked_excerpt
from .models import SearchEntry
from .query import ParsedQuery, parse, words_from

PER_PAGE = 20
# Counting every match of a very common word costs more than ranking the first
# page; nobody reads past page 50, so counting stops at this many.
MAX_COUNTED = 1000
# Only the newest this many matches are ranked (search.backends.newest): an older
# entry that matches better is found by adding a word or a filter. Same bound as
# the count, so "1000+" results are exactly the ranked ones.
RANKED_CANDIDATES = MAX_COUNTED
KINDS = {
    "articles": (SearchEntry.Kind.ARTICLE,),
    "discussions": (
        SearchEntry.Kind.THREAD,
        SearchEntry.Kind.POST,
    ),
}
PERIODS = {
    "week": (datetime.timedelta(days=7), _("Past week")),
    "month": (datetime.timedelta(days=31), _("Past month")),
    "year": (datetime.timedelta(days=366), _("Past year")),
}


@dataclass(frozen=True)
class SearchResult:
    kind: str
    kind_label: str
    title: str
    url: str
    date: datetime.datetime
    excerpt: SafeString
    where: str  # the channel or board it belongs to
    thread_id: int | None = None  # a discussion's thread (for its answers)
    language: str = ""  # the language it is written in


class CappedPaginator(Paginator):
    """Counts matches up to MAX_COUNTED, without ranking them."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[:MAX_COUNTED].count()


@dataclass
class SearchResults:
    query: ParsedQuery
    page: Page | None
    results: list[SearchResult]

    @property
    def total(self) -> int:
        return self.page.paginator.count if self.page else 0

    @property
    def more_than_counted(self) -> bool:
        """True when there are at least MAX_COUNTED results (shown as "1000+")."""
        return self.total >= MAX_COUNTED


def visible_entries(viewer=None) -> QuerySet[SearchEntry]:
    """Entries `viewer` may find: published articles and publicly visible posts
    (members-only threads for signed-in members only; with no viewer, what a
    visitor may find).

    Hidden, pending, deleted and draft content is never found, whoever searches:
    search results are public pages. The rules are the pages' own, applied
    through joins so the database checks only the rows that match the words.
    """
    return SearchEntry.objects.filter(
        (Q(kind=SearchEntry.Kind.ARTICLE) & published_q(prefix="article__"))
        | (
            Q(kind__in=KINDS["discussions"])
            & searchable_q(prefix="post__", viewer=viewer)
        )
    )


def _filtered(
    qs: QuerySet,
    *,
    kind: str = "",
    channel: str = "",
    board: str = "",
    period: str = "",
) -> QuerySet:
    if kind in KINDS:
        qs = qs.filter(kind__in=KINDS[kind])
    if channel:
        qs = qs.filter(article__channel__slug=channel)
    if board:
        qs = qs.filter(post__thread__board__slug=board)
    if period in PERIODS:
        qs = qs.filter(published_at__gte=timezone.now() - PERIODS[period][0])
    return qs


def _result(entry: SearchEntry) -> SearchResult:
    if entry.kind == SearchEntry.Kind.ARTICLE:
        article = entry.article
        return SearchResult(
            kind=entry.kind,
            kind_label=article.get_kind_display(),
            title=article.title,
            url=article.get_absolute_url(),
            date=entry.published_at,
            excerpt=marked_excerpt(entry.excerpt),
            where=article.channel.local_name,
            language=article.language,
        )
    post = entry.post
    thread = post.thread
    return SearchResult(
        kind=entry.kind,
        kind_label=str(_("Discussion") if post.is_opening else _("Reply")),
        title=thread.title,
        url=thread.get_absolute_url() if post.is_opening else post.get_absolute_url(),
        date=entry.published_at,
        excerpt=marked_excerpt(entry.excerpt),
        where=thread.board.name,
        thread_id=post.thread_id,
        language=thread.language,
    )


def _with_sources(qs: QuerySet) -> QuerySet:
    """Only the columns a result shows (title, address, kind, place, date)."""
    return qs.select_related("article__channel", "post__thread__board").only(
        "kind",
        "published_at",
        "article__title",
        "article__slug",
        "article__language",
        "article__kind",
        "article__channel__name",
        "article__channel__name_zh_hant",
        "post__is_opening",
        "post__thread__title",
        "post__thread__slug",
        "post__thread__language",
        "post__thread__members_only",  # decides the thread's address
        "post__thread__board__name",
    )


def run_search(
    raw_query: str | None,
    *,
    kind: str = "",
    channel: str = "",
    board: str = "",
    period: str = "",
    page: int | str = 1,
    per_page: int = PER_PAGE,
    viewer=None,
) -> SearchResults:
    """Search published articles and visible posts; ranked by the database, paginated."""
    query = parse(raw_query)
    if not query:
        return SearchResults(query, None, [])
    qs = _filtered(
        visible_entries(viewer), kind=kind, channel=channel, board=board, period=period
    )
    ranked = _with_sources(
        backend().match(qs, query.terms, candidates=RANKED_CANDIDATES)
    )
    result_page = CappedPaginator(ranked, per_page).get_page(page)
    return SearchResults(
        query, result_page, [_result(e) for e in result_page.object_list]
    )


def similar_threads(
    *texts: str,
    exclude_post_id: int | None = None,
    questions_only: bool = False,
    language: str | None = None,
    limit: int = 5,
) -> list[SearchResult]:
    """Threads sharing words with `texts` (a title, topic names), best first; with
    `language`, those written in it first among the best few."""
    terms = words_from(*texts)
    if not terms:
        return []
    qs = visible_entries().filter(kind=SearchEntry.Kind.THREAD)
    if exclude_post_id:
        qs = qs.exclude(post_id=exclude_post_id)
    if questions_only:
        qs = qs.filter(post__thread__board__kind="questions")
    ranked = _with_sources(backend().match(qs, terms, any_term=True))
    if not language:
        return [_result(entry) for entry in ranked[:limit]]
    found = [_result(entry) for entry in ranked[: limit * 3]]
    found.sort(key=lambda result: result.language != language)  # stable
    return found[:limit]
