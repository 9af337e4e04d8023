"""The search backend: Wagtail's database backend (PostgreSQL full-text search, SQLite FTS5
locally), with an admin search that finds what editors remember of a page.

The admin searches by *autocomplete* (words as typed so far, in the fields marked
AutocompleteField: titles, and here also introductions, bodies and descriptions). When that
finds nothing, this backend searches again the way the public search does: whole words, and on
PostgreSQL close spellings too (pg_trgm), so "lulaby" still finds the lullaby page."""

from functools import cache

from django.db import connection
from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.query import Fuzzy, PlainText


def _words(query):
    """The words of a search as typed (a string, or the admin's parsed PlainText), else ""."""
    if isinstance(query, PlainText):
        query = query.query_string
    return query.strip() if isinstance(query, str) else ""


@cache
def _forgiving(backend_class):
    """backend_class, its autocomplete falling back to a full (and typo-tolerant) search."""

    class ForgivingBackend(backend_class):
        def autocomplete(self, query, model_or_queryset, *args, **kwargs):
            results = super().autocomplete(query, model_or_queryset, *args, **kwargs)
            text = _words(query)
            if not text or results.count():
                return results
            fallback = (
                Fuzzy(text, unaccent=True)
                if connection.vendor == "postgresql"
                else PlainText(text, operator="or")
            )
            order = kwargs.get("order_by_relevance", True)
            return super().search(fallback, model_or_queryset, order_by_relevance=order)

    ForgivingBackend.__name__ = f"Forgiving{backend_class.__name__}"
    return ForgivingBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    return _forgiving(type(database_backend(params)))(params)
