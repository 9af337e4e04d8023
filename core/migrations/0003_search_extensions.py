"""What site search needs from the database, so no one has to remember a command.

PostgreSQL: the unaccent extension and its immutable f_unaccent() wrapper first, then pg_trgm
and the trigram indexes on the search index, for typo-tolerant search (what Wagtail's search
library's `enable_unaccent` and `enable_trigram` commands do). Both are trusted extensions, so
the database owner may create them on PostgreSQL 13+.

SQLite: Wagtail's full-text table is rebuilt with the Porter stemmer, so "crying" finds "cry"
and "sleep" finds "sleeping" locally too, as PostgreSQL's English configuration does.

Every step does nothing on the other database.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

# The index names are the ones Wagtail's own migration (wagtailsearch 0010) drops on rollback.
TRIGRAM_INDEXES = {
    "modelsearch_title_text_trgm": "title_text gin_trgm_ops",
    "modelsearch_body_text_trgm": "body_text gin_trgm_ops",
    "modelsearch_title_text_unaccent_trgm": "f_unaccent(title_text) gin_trgm_ops",
    "modelsearch_body_text_unaccent_trgm": "f_unaccent(body_text) gin_trgm_ops",
}

# An IMMUTABLE wrapper, so unaccent() can be used in an index expression.
CREATE_F_UNACCENT = """
CREATE OR REPLACE FUNCTION f_unaccent(text)
    RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$func$
SELECT public.unaccent('public.unaccent', $1)
$func$;
"""


class PostgresOnly:
    """Django's extension operations skip other databases going forwards, but not backwards."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Unaccent(PostgresOnly, UnaccentExtension):
    pass


class Trigram(PostgresOnly, TrigramExtension):
    pass


def _index_table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create_f_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_F_UNACCENT)


def drop_f_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS f_unaccent(text);")


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(_index_table(apps))
    for name, expression in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression});"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name};")


def _fts_table(apps):
    return _index_table(apps) + "_fts"


def _rebuild_fts(apps, schema_editor, tokenize):
    """Recreate the SQLite FTS5 table with `tokenize` and refill it from the index entries."""
    if schema_editor.connection.vendor != "sqlite":
        return
    table, fts = _index_table(apps), _fts_table(apps)
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5(autocomplete, body, title, tokenize={tokenize!r})"
    )
    schema_editor.execute(
        f"INSERT INTO {fts} (rowid, autocomplete, body, title) "  # noqa: S608 (table names only)
        f"SELECT id, autocomplete, body, title FROM {table}"
    )


def stem_sqlite_fts(apps, schema_editor):
    _rebuild_fts(apps, schema_editor, "porter unicode61 remove_diacritics 2")


def unstem_sqlite_fts(apps, schema_editor):
    _rebuild_fts(apps, schema_editor, "unicode61")


class Migration(migrations.Migration):
    dependencies = [
        ("protecting_babies", "0002_site_image"),
        # The search index table with its plain-text columns for trigram matching.
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        Unaccent(),
        migrations.RunPython(create_f_unaccent, drop_f_unaccent, elidable=False),
        Trigram(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
        migrations.RunPython(stem_sqlite_fts, unstem_sqlite_fts, elidable=False),
    ]
