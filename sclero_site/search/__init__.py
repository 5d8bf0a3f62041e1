"""Site search over articles, threads and posts, inside the database we already run.

Views call `run_search`; write services call `index_article` / `index_post`.
PostgreSQL: a weighted, GIN-indexed tsvector on each entry (title A, summary B,
body C) ranked with ts_rank and excerpted with ts_headline. SQLite: an
external-content FTS5 table over the same rows, ranked with bm25() and
excerpted with snippet(). Visibility is applied at query time from the same
rules the pages use, so hiding or unpublishing needs no re-indexing.
"""

from importlib import import_module

_EXPORTS = {
    "index_article": "indexing",
    "index_post": "indexing",
    "index_thread": "indexing",
    "forget_posts": "indexing",
    "rebuild": "indexing",
    "run_search": "searching",
    "similar_threads": "searching",
}


def __getattr__(name: str):
    # Lazy, so the app package imports before Django's app registry is ready.
    if name in _EXPORTS:
        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(name)
