"""Chinese text searchable: SearchEntry.cjk holds the characters and character pairs
of the Chinese in each entry (search/cjk.py).

PostgreSQL: the stored vector gains them (the 'simple' configuration), for the
entries that have Chinese text. SQLite: the FTS5 table is made again with a fourth
column, `cjk`, its triggers with it, and rebuilt from the entries.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

from search.cjk import has_cjk, index_terms

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TABLE IF EXISTS search_fts",
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, body, cjk,
        content='search_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchentry BEGIN
      INSERT INTO search_fts(rowid, title, summary, body, cjk)
      VALUES (new.id, new.title, new.summary, new.body, new.cjk);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchentry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, summary, body, cjk)
      VALUES ('delete', old.id, old.title, old.summary, old.body, old.cjk);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_update AFTER UPDATE ON search_searchentry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, summary, body, cjk)
      VALUES ('delete', old.id, old.title, old.summary, old.body, old.cjk);
      INSERT INTO search_fts(rowid, title, summary, body, cjk)
      VALUES (new.id, new.title, new.summary, new.body, new.cjk);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TABLE IF EXISTS search_fts",
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, body,
        content='search_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchentry BEGIN
      INSERT INTO search_fts(rowid, title, summary, body)
      VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchentry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, summary, body)
      VALUES ('delete', old.id, old.title, old.summary, old.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_update AFTER UPDATE ON search_searchentry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title, summary, body)
      VALUES ('delete', old.id, old.title, old.summary, old.body);
      INSERT INTO search_fts(rowid, title, summary, body)
      VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def index_chinese(apps, schema_editor):
    """Fill `cjk` for the entries holding Chinese text, then the engine's index."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FORWARD[:-1]:
            schema_editor.execute(statement)
    changed = []
    rows = SearchEntry.objects.only("pk", "title", "summary", "body").iterator()
    for entry in rows:
        if has_cjk(entry.title) or has_cjk(entry.summary) or has_cjk(entry.body):
            entry.cjk = index_terms(entry.title, entry.summary, entry.body)
            changed.append(entry)
    SearchEntry.objects.bulk_update(changed, ["cjk"], batch_size=500)
    if vendor == "postgresql" and changed:
        SearchEntry.objects.filter(pk__in=[e.pk for e in changed]).update(
            search_vector=SearchVector("title", weight="A", config="sclero_english")
            + SearchVector("summary", weight="B", config="sclero_english")
            + SearchVector("body", weight="C", config="sclero_english")
            + SearchVector("cjk", weight="B", config="simple")
        )
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD[-1])


def back_to_three_columns(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="cjk",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(index_chinese, back_to_three_columns),
    ]
