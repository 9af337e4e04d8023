"""Searching pages and resources: the results as one list in order of relevance, and the
editors' picks for the query. Search terms are never stored (no Query.add_hit()).

A search is the one thing a visitor can make the database work hard for, so each process runs
only SEARCH_CONCURRENCY at once, and on PostgreSQL each is stopped after
SEARCH_STATEMENT_TIMEOUT_MS: a flood of searches gets a fast "search is busy" and leaves the
pages (and other visitors) alone."""

import heapq
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy, PlainText
from wagtail.search.utils import normalise_query_string

from resources.models import Resource
from search.query import CleanQuery, search_words

logger = logging.getLogger(__name__)

# PostgreSQL's SQLSTATE for a statement stopped by statement_timeout.
QUERY_CANCELED = "57014"
RESULTS_PER_PAGE = 10
# Close-spelling matches are only a fallback: the best this many of pages and of resources.
MAX_FUZZY_RESULTS = 100


@dataclass
class Result:
    """One search result as the results page shows it."""

    kind: str  # "page" or "resource"
    title: str
    url: str
    summary: str
    score: float = 0.0
    format: str = ""
    audiences: list = field(default_factory=list)
    external: bool = False


def _page_result(page, request, score):
    return Result(
        kind="page",
        title=page.title,
        url=page.get_url(request) or "",
        summary=page.get_summary(),
        score=score,
    )


def _resource_result(resource, request, score):
    return Result(
        kind="resource",
        title=resource.title,
        url=resource.get_target_url(request),
        summary=resource.description,
        score=score,
        format=resource.get_format_display(),
        audiences=resource.audiences,
        external=resource.is_external,
    )


def _score(obj):
    """A higher-is-better score on every backend (SQLite's BM25 is lower-is-better)."""
    score = getattr(obj, "_score", None) or 0.0
    return -score if connection.vendor == "sqlite" else score


class MergedResults:
    """Pages and resources as one list ordered by relevance, fetched only as far as needed.

    Paginator asks for a count, then for one slice. For a slice ending at `stop`, the first
    `stop` results of each list are enough to merge the two in order of score. Close-spelling
    searches cost a scan of the index each, so they are read once, up to `limit` of each.
    """

    def __init__(self, pages, resources, request, limit=None):
        self.pages = pages
        self.resources = resources
        self.request = request
        self.limit = limit
        self._count = None
        if limit is not None:
            self.pages, self.resources = list(pages[:limit]), list(resources[:limit])

    def count(self):
        if self._count is None:
            if self.limit is not None:
                self._count = len(self.pages) + len(self.resources)
            else:
                self._count = self.pages.count() + self.resources.count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Search results are read a page at a time.")
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        pages = [_page_result(p, self.request, _score(p)) for p in self.pages[:stop]]
        resources = [_resource_result(r, self.request, _score(r)) for r in self.resources[:stop]]
        # Stable merge: on equal scores the site's own pages come first.
        merged = heapq.merge(pages, resources, key=lambda result: -result.score)
        return list(merged)[start:stop]


@dataclass
class Search:
    """The outcome of one search, ready for the template."""

    query: CleanQuery
    promotions: list = field(default_factory=list)
    page_obj: object = None
    # "exact" (every word matched), "fuzzy" (close spellings) or "any" (some of the words).
    match: str = "exact"
    failed: bool = False
    # Too many searches at once, or this one ran too long: try again in a moment.
    busy: bool = False

    @property
    def total(self):
        """Every result, recommended ones included."""
        found = self.page_obj.paginator.count if self.page_obj is not None else 0
        return found + len(self.promotions)


def _promotions(query, request):
    """Editors' picks for exactly this query, without recording it (no Query.get, no add_hit).

    Picks of pages that are not live and public are left out.
    """
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = [p.page_id for p in promotions if p.page_id]
    visible = set(
        Page.objects.live()
        .public()
        .not_exact_type(Page)
        .filter(pk__in=page_ids)
        .values_list("pk", flat=True)
    )
    results = []
    for promotion in promotions:
        if promotion.page_id in visible:
            page = promotion.page.specific
            results.append(
                Result(
                    kind="page",
                    title=page.title,
                    url=page.get_url(request) or "",
                    summary=promotion.description or page.get_summary(),
                )
            )
        elif not promotion.page_id and promotion.external_link_url:
            results.append(
                Result(
                    kind="link",
                    title=promotion.external_link_text or promotion.external_link_url,
                    url=promotion.external_link_url,
                    summary=promotion.description,
                    external=True,
                )
            )
    return results, visible


def _querysets(search_query, exclude_page_ids):
    backend = get_search_backend()
    # Pages of the site's own types: never the bare root (or a stray "Welcome" page).
    pages = Page.objects.live().public().not_exact_type(Page).specific().defer_streamfields()
    if exclude_page_ids:
        pages = pages.exclude(pk__in=exclude_page_ids)
    page_results = backend.search(search_query, pages).annotate_score("_score")
    resources = Resource.objects.live().select_related("document", "page")
    resource_results = backend.search(search_query, resources).annotate_score("_score")
    return page_results, resource_results


class Slots:
    """The searches this process may run at once (settings.SEARCH_CONCURRENCY)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._size = None
        self._semaphore = None

    def _current(self):
        with self._lock:
            if self._size != settings.SEARCH_CONCURRENCY:
                self._size = settings.SEARCH_CONCURRENCY
                self._semaphore = threading.BoundedSemaphore(self._size)
            return self._semaphore

    @contextmanager
    def take(self):
        """Yields whether a slot was free within SEARCH_WAIT_SECONDS (and holds it if so)."""
        semaphore = self._current()
        taken = semaphore.acquire(timeout=settings.SEARCH_WAIT_SECONDS)
        try:
            yield taken
        finally:
            if taken:
                semaphore.release()


SLOTS = Slots()


def _limit_statement_time():
    """On PostgreSQL, stop this transaction's statements after SEARCH_STATEMENT_TIMEOUT_MS."""
    if connection.vendor == "postgresql" and settings.SEARCH_STATEMENT_TIMEOUT_MS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true)",
                [str(settings.SEARCH_STATEMENT_TIMEOUT_MS)],
            )


def _timed_out(error):
    return getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED


def run_search(query, page_number, request, per_page=RESULTS_PER_PAGE):
    """Search pages and resources; fall back to close spellings, then to any of the words.
    When this process is running its share of searches already, or the search runs too long:
    `busy`, and no results."""
    search = Search(query=query)
    if not query.text:
        return search
    with SLOTS.take() as taken:
        if not taken:
            search.busy = True
            return search
        return _run_search(search, query, page_number, request, per_page)


def _run_search(search, query, page_number, request, per_page):
    words = search_words(query.text)
    attempts = [("exact", PlainText(words, operator="and"))]
    if connection.vendor == "postgresql":
        # Typo tolerance: pg_trgm similarity over the search index, accents ignored.
        attempts.append(("fuzzy", Fuzzy(words, unaccent=True)))
    elif len(words.split()) > 1:
        attempts.append(("any", PlainText(words, operator="or")))
    try:
        # A savepoint, so a failed query leaves the request's connection usable.
        with transaction.atomic():
            _limit_statement_time()
            search.promotions, promoted_ids = _promotions(query.text, request)
            # Nothing to search for (only emoji or punctuation, say): no results, not an error.
            merged = MergedResults(Page.objects.none(), Resource.objects.none(), request)
            for match, search_query in attempts if words else []:
                pages, resources = _querysets(search_query, list(promoted_ids))
                limit = MAX_FUZZY_RESULTS if match == "fuzzy" else None
                merged = MergedResults(pages, resources, request, limit=limit)
                search.match = match
                # Editors' picks for this very query are better than guesses at close words.
                if merged.count() or search.promotions:
                    break
            search.page_obj = Paginator(merged, per_page).get_page(page_number)
    except DatabaseError as error:
        search.page_obj = None
        if _timed_out(error):
            logger.warning("Site search stopped after %s ms", settings.SEARCH_STATEMENT_TIMEOUT_MS)
            search.busy = True
            return search
        # Only the kind of error: a traceback or message could quote what the visitor typed.
        logger.error("Site search failed: %s", type(error).__name__)
        search.failed = True
    return search
