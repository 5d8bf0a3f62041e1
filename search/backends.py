"""The two full-text engines, chosen by the database vendor. Same interface, same tests."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Concat

from .cjk import has_cjk
from .highlight import START, STOP
from .models import SearchEntry

# A text search configuration made by the migration: English stemming after unaccent.
PG_CONFIG = "sclero_english"
# Chinese characters and pairs (search/cjk.py) are words already: no stemming.
PG_CJK_CONFIG = "simple"
FTS_TABLE = "search_fts"
# bm25 column weights (title, summary, body, cjk): a title match outranks a body
# match; Chinese pairs count as summary words.
FTS_WEIGHTS = (10.0, 4.0, 1.0, 4.0)


def newest(matching: QuerySet, count: int) -> QuerySet:
    """The newest `count` of the matching entries, as a fresh queryset to rank.

    Ranking reads every match's text; a common word matches tens of thousands of
    entries, so only the newest `count` are ranked (by index order, no text read).
    """
    newest_ids = matching.order_by("-published_at", "-id").values("pk")[:count]
    return SearchEntry.objects.filter(pk__in=newest_ids)


class PostgresBackend:
    """tsvector stored on each entry, GIN index, ts_rank, ts_headline."""

    @staticmethod
    def vector():
        return (
            SearchVector("title", weight="A", config=PG_CONFIG)
            + SearchVector("summary", weight="B", config=PG_CONFIG)
            + SearchVector("body", weight="C", config=PG_CONFIG)
            + SearchVector("cjk", weight="B", config=PG_CJK_CONFIG)
        )

    def refresh(self, entry_ids) -> None:
        """Recompute the stored vectors of these entries (called by the write services)."""
        SearchEntry.objects.filter(pk__in=list(entry_ids)).update(
            search_vector=self.vector()
        )

    def finish_rebuild(self) -> None:
        """Nothing more: every batch refreshed its own vectors."""

    @staticmethod
    def _query(terms: tuple[str, ...], any_term: bool) -> SearchQuery:
        # Terms are \w+ words, so quoting them makes them plain lexemes, never syntax.
        # Chinese pairs go through the 'simple' configuration they were indexed with.
        queries = []
        for config, group in (
            (PG_CONFIG, [term for term in terms if not has_cjk(term)]),
            (PG_CJK_CONFIG, [term for term in terms if has_cjk(term)]),
        ):
            if not group:
                continue
            lexemes = [f"'{term}'" for term in group]
            if not any_term and group[-1] == terms[-1]:
                lexemes[-1] += ":*"
            queries.append(
                SearchQuery(
                    (" | " if any_term else " & ").join(lexemes),
                    config=config,
                    search_type="raw",
                )
            )
        query = queries[0]
        for other in queries[1:]:
            query = (query | other) if any_term else (query & other)
        return query

    def match(
        self,
        qs: QuerySet,
        terms: tuple[str, ...],
        *,
        any_term: bool = False,
        candidates: int | None = None,
    ) -> QuerySet:
        query = self._query(terms, any_term)
        qs = qs.filter(search_vector=query)
        if candidates:
            qs = newest(qs, candidates)
        return qs.annotate(
            rank=SearchRank(F("search_vector"), query),
            excerpt=SearchHeadline(
                Concat("summary", Value(" "), "body", output_field=TextField()),
                query,
                config=PG_CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-rank", "-published_at", "-id")


class SQLiteBackend:
    """External-content FTS5 table over search entries, bm25(), snippet()."""

    def refresh(self, entry_ids) -> None:
        """Nothing to do: triggers keep the FTS5 index in step with the entries."""

    def finish_rebuild(self) -> None:
        """Rebuild the FTS5 index from the entries, whatever happened before."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608

    def match(
        self,
        qs: QuerySet,
        terms: tuple[str, ...],
        *,
        any_term: bool = False,
        candidates: int | None = None,
    ) -> QuerySet:
        from .query import fts5_match

        table = SearchEntry._meta.db_table
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        joined = {
            "tables": [FTS_TABLE],
            "where": [f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
            "params": [fts5_match(terms, any_term=any_term)],
        }
        if candidates:
            qs = newest(qs.extra(**joined), candidates)  # noqa: S610 (as below)
        return qs.extra(  # noqa: S610 (fixed SQL; the user's words travel as parameters)
            **joined,
            select={
                "rank": f"bm25({FTS_TABLE}, {weights})",
                "excerpt": f"snippet({FTS_TABLE}, 2, %s, %s, ' … ', 24)",
            },
            select_params=[START, STOP],
        ).order_by("rank", "-published_at", "-id")


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
