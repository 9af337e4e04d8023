"""The /search/ page: a plain GET form and its results, never cached (docs/search.md)."""

from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from resources.models import ResourceIndexPage
from search.query import MAX_QUERY_LENGTH, clean_query
from search.results import run_search

# Seconds to wait before searching again when search is busy.
BUSY_RETRY_AFTER = 5


def _library_url(request):
    library = ResourceIndexPage.objects.live().public().first()
    return (library.get_url(request) if library else None) or "/"


@require_safe
@never_cache
def search_view(request):
    """The /search/ page: a plain GET form and its results. Search busy is a 503 with
    Retry-After, the page still useful. (Each search costs the visitor's budget before it gets
    here: budgets.middleware.BudgetMiddleware.)"""
    query = clean_query(request.GET.get("q", ""))
    search = run_search(query, request.GET.get("page"), request)
    response = render(
        request,
        "search/search.html",
        {
            "search": search,
            "search_query": query.text,
            "page_obj": search.page_obj,
            "page_query": urlencode({"q": query.text}) if query.text else "",
            "max_query_length": MAX_QUERY_LENGTH,
            "noindex": True,
            "meta_title": "Search",
            "meta_description": "Search the Protecting Babies website.",
            "library_url": _library_url(request),
        },
        status=503 if search.busy else 200,
    )
    if search.busy:
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
    return response
