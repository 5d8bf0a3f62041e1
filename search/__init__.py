"""Site search over articles, threads and posts, inside the database we already run.

The page calls `searching.run_search`; the write services announce their changes
(`core.signals`) and `handlers` keeps the entries current. Nothing below this app
imports it: other pages get related content through its template tags.
PostgreSQL: a weighted, GIN-indexed tsvector on each entry (title A, summary B,
body C) ranked with ts_rank and excerpted with ts_headline. SQLite: an
external-content FTS5 table over the same rows, ranked with bm25() and
excerpted with snippet(). Visibility is applied at query time from the same
rules the pages use, so hiding or unpublishing needs no re-indexing.
"""
