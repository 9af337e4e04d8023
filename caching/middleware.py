"""The page cache's middleware: which requests it answers, and with what headers; the
budgets', which refuse a visitor whose misses or searches cost too much; and the site chrome's,
which hands page routing the request's site."""

import hashlib
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from wagtail.views import serve as wagtail_serve

from caching import breaker
from caching.cache import MISSING_STATUSES, Lookup, plain_content, seconds_left
from caching.chrome import (
    cached_chrome,
    chrome_changes_at,
    query_rules_for,
    recent_chrome,
    remember_chrome,
    route_from_chrome,
)
from caching.querystring import normalise
from caching.warm import is_warming
from protecting_babies.dates import uk_today
from protecting_babies.ratelimit import Budget, count, spend, too_many_requests

STATUS_HEADER = "X-Page-Cache"
# Never cached here: the admin and its previews, search (every query differs and must never be
# kept), documents (served with their own headers), health checks, static files and media.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/search/",
    "/documents/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
)
MAX_QUERY_LENGTH = 512
# Wagtail's views for private pages (the sign-in, page passwords): never kept, their query
# string (the `next` page to go back to) left as it is; still counted as renders.
UTILITY_PREFIX = "/_util/"
# How long a cache in front may serve a page gone stale while it fetches it again, and how
# long while this site is down (a page with the helpline is better than no page).
STALE_WHILE_REVALIDATE = 60
STALE_IF_ERROR = 86400
TOO_MANY = "This website has had a lot of requests from your connection in a short time."
TOO_MANY_SEARCHES = "This website has had a lot of searches from your connection in a short time."


def is_page_read(request):
    """A GET or HEAD of a public page (not the admin, search, documents, static files...)."""
    if request.method not in ("GET", "HEAD"):
        return False
    excluded = EXCLUDED_PREFIXES + tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ()))
    return not request.path_info.startswith(excluded)


def is_candidate(request):
    """Whether the request is one the cache may answer: a GET/HEAD of a public page, with
    nothing the key leaves out (a script prefix) that could change the page."""
    return (
        is_page_read(request)
        and not request.META.get("SCRIPT_NAME")
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
    )


def normalise_query(request):
    """Leave on the query string only what the page reads (caching/querystring.py), for the
    cache key and for the page."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    cleaned = normalise(query, query_rules_for(request))
    if cleaned != query:
        request.META["QUERY_STRING"] = cleaned
        request.__dict__.pop("GET", None)  # parsed again from the cleaned string if read


def has_credentials(request):
    """A session cookie (signed-in editors, page passwords) or an Authorization header."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def is_cacheable(request, response):
    """Whether the response is the same for every anonymous visitor and may be kept: only what
    the key holds (scheme, host, path, query string) may have shaped it. A page, or what a path
    that is no page answers (404, a redirect)."""
    if response.status_code != 200 and response.status_code not in MISSING_STATUSES:
        return False
    if response.streaming:
        return False
    if request.META.get("SCRIPT_NAME"):
        # Rendered under a script prefix, every link on the page carries it: never kept (and
        # is_candidate() keeps such requests away from the cache in the first place).
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - {"cookie", "accept-encoding"}:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def add_public_headers(response, fresh_for=None):
    """Cache-Control for browsers and a CDN in front: short in browsers, longer at the edge.
    `fresh_for`: the seconds left before what the page shows changes by itself (a helpline
    notice starting or ending at midnight): no browser or CDN keeps it past then, stale
    while revalidating included."""
    browser, edge = settings.PAGE_CACHE_BROWSER_TTL, settings.PAGE_CACHE_CDN_TTL
    revalidate = STALE_WHILE_REVALIDATE
    if fresh_for is not None:
        fresh_for = max(0, int(fresh_for))
        revalidate = min(revalidate, fresh_for)
        browser = min(browser, fresh_for - revalidate)
        edge = min(edge, fresh_for - revalidate)
    patch_cache_control(
        response,
        public=True,
        max_age=browser,
        s_maxage=edge,
        stale_while_revalidate=revalidate,
        stale_if_error=STALE_IF_ERROR,
    )


def add_private_headers(response):
    """Responses for one visitor (an editor signed in, a page password): no shared cache."""
    patch_cache_control(response, private=True, no_cache=True)


def _not_modified(request, etag):
    """If-None-Match compares weakly (RFC 9110): a proxy that compresses the page (nginx's gzip)
    hands browsers W/"…", which still names the same page."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH", "").strip()
    if not if_none_match:
        return False
    asked = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
    return if_none_match == "*" or etag.removeprefix("W/") in asked


def _response_from(headers, content, request, status=200, etag=""):
    """A response to this request from stored headers and content: 304 when the ETag matches."""
    if etag and _not_modified(request, etag):
        response = HttpResponse(status=304)
        for name, value in headers:
            if name in ("ETag", "Cache-Control", "Vary"):
                response[name] = value
        return response
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def accepts_gzip(request):
    """Whether the browser takes gzip: Accept-Encoding names it (or `*`) with a q above 0."""
    weights = {}
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, *params = part.split(";")
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip().lower()] = weight
    return weights.get("gzip", weights.get("*", 0.0)) > 0


def response_from_entry(entry, request):
    """A stored page as this request gets it: the stored gzip bytes, as they are, to a browser
    that takes them (with a weak ETag: the same page in another encoding), else uncompressed;
    304 when the ETag matches."""
    etag = entry.get("etag", "")
    status = entry.get("status", 200)
    if entry.get("gzip") and accepts_gzip(request):
        weak = f"W/{etag}" if etag and not etag.startswith("W/") else etag
        content = entry["content"]
        response = _response_from(entry["headers"], content, request, status, weak)
        if weak:
            response["ETag"] = weak
        if response.status_code != 304:
            response["Content-Encoding"] = "gzip"
    else:
        content = plain_content(entry)
        response = _response_from(entry["headers"], content, request, status, etag)
    if response.status_code != 304:
        response["Content-Length"] = str(len(content))  # a HEAD's too: what a GET would get
    return response


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public pages from the cache, and fills it.

    Placed before the session, CSRF and authentication middleware (a system check makes sure),
    so a cached page costs no database query and is still served while the database is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_page_read(request):
            return self.get_response(request)
        # Whatever this middleware does not answer from the cache below is rendered, and
        # costs a budget (BudgetMiddleware): with credentials, or too long a query, too.
        request.page_cache_miss = True
        if request.path_info.startswith(UTILITY_PREFIX):
            return self.get_response(request)
        normalise_query(request)
        if not settings.PAGE_CACHE_ENABLED or not is_candidate(request):
            return self.get_response(request)
        if has_credentials(request):
            response = self.get_response(request)
            add_private_headers(response)
            response[STATUS_HEADER] = "bypass"
            return response

        lookup = None
        if breaker.allow():
            lookup = request.page_cache_lookup = Lookup(request)
            try:
                entry = lookup.fetch()
            except Exception as error:  # a cache outage is a miss, never an error page
                breaker.failed(error)
                lookup = None
            else:
                if entry is not None:
                    response = response_from_entry(entry, request)
                    if entry.get("expires") is not None:
                        add_public_headers(response, seconds_left(entry["expires"]))
                    response[STATUS_HEADER] = "hit"
                    return response

        # The UK date the page is rendered on, taken before it is: a render that ends after
        # midnight shows that day's or the next day's helpline notices, and either way is
        # kept no later than the next change after this date (chrome_changes_at()).
        rendered_on = uk_today()
        response = self.get_response(request)
        if not is_cacheable(request, response):
            if response.cookies:
                add_private_headers(response)
            elif "Cache-Control" not in response:
                patch_cache_control(response, no_cache=True)
            response[STATUS_HEADER] = "bypass"
            return response

        changes_at = chrome_changes_at(request, rendered_on)
        expires = changes_at.timestamp() if changes_at is not None else None
        add_public_headers(response, seconds_left(expires))
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
        # Stored compressed: browsers that take gzip and those that do not get different bytes.
        patch_vary_headers(response, ("Accept-Encoding",))
        status = "off"
        if lookup is not None and request.method == "GET":
            try:
                entry = lookup.save(response, expires=expires)
            except Exception as error:
                breaker.failed(error)
            else:
                status = "miss" if entry else "bypass"
                if entry:
                    # This visitor too gets the page as stored (compressed if they take it).
                    response = response_from_entry(entry, request)
                    if entry.get("expires") is not None:
                        add_public_headers(response, seconds_left(entry["expires"]))
                    response[STATUS_HEADER] = status
                    return response
        if _not_modified(request, response["ETag"]):
            response = _response_from(list(response.items()), b"", request, etag=response["ETag"])
        response[STATUS_HEADER] = status
        return response


@cache
def _search_path():
    return reverse("search")


class BudgetMiddleware:
    """What costs the server costs the visitor's budget (protecting_babies/ratelimit.py): every
    page the cache did not answer, and every search. Over a budget, the 429 page, before
    anything is rendered or searched. Placed after the security headers' middleware, so the
    refusal carries them, and before sessions and the rest, so a flood refused costs little;
    cache hits never get here. A request with credentials is counted after sign-in instead
    (SignedInBudgetMiddleware): a real session has a budget of its own, made-up credentials
    pay the address's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_warming(request):
            return self.get_response(request)  # the site's own render, after a purge
        if getattr(request, "page_cache_miss", False):
            if has_credentials(request):
                request.budget_after_sign_in = True
                return self.get_response(request)
            return render_within_budgets(request, self.get_response)
        if request.path_info == _search_path() and request.GET.get("q", "").strip():
            wait = spend(request, "search", settings.SEARCH_RATE)
            if wait is not None:
                return refuse(request, wait, TOO_MANY_SEARCHES)
        return self.get_response(request)


class SignedInBudgetMiddleware:
    """The renders of a request with credentials, once authentication has said whose they
    are: a person signed in (with both factors) spends a larger budget of their own, keyed by
    who they are; anything else (a made-up cookie, an Authorization header, a session with
    only a page password) spends the address's budgets like any visitor. Placed after the
    second-factor middleware, so a password alone counts as a visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(request, "budget_after_sign_in", False):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return render_within_budgets(request, self.get_response)
        wait = spend(request, "signed-in-render", settings.SIGNED_IN_RENDER_RATE, key=str(user.pk))
        if wait is not None:
            return refuse(request, wait, TOO_MANY)
        return self.get_response(request)


def render_within_budgets(request, get_response):
    """Render a page the cache did not answer, within the address's budgets: every render under
    a ceiling (RENDER_CEILING_RATE), pages under PAGE_RENDER_RATE and missing pages under
    NOT_FOUND_RATE. Missing pages are counted apart, so one machine asking for hundreds of them
    has its own refused (a 429 for each 404 past the budget) while the people sharing its address
    still get real pages; the ceiling is what bounds the work any one address can cause, whatever
    it asks for. The ceiling and the pages' budget are counted together before the render, in
    one round trip to Redis (protecting_babies/ratelimit.py's count()); a render that turns out
    to be a 404 gives its page back and is counted as missing instead (a second round trip, for
    404s only)."""
    page_render = Budget(request, "page-render", settings.PAGE_RENDER_RATE)
    waits = count([Budget(request, "render", settings.RENDER_CEILING_RATE), page_render])
    wait = next((wait for wait in waits if wait is not None), None)
    if wait is not None:
        return refuse(request, wait, TOO_MANY)
    response = get_response(request)
    if response.status_code != 404:
        return response
    page_render.amount = -1
    _, wait = count([page_render, Budget(request, "not-found", settings.NOT_FOUND_RATE)])
    if wait is not None:
        return refuse(request, wait, TOO_MANY)
    return response


def refuse(request, wait, message):
    """The 429 page, with the helpline from this process's copy of the chrome (no query)."""
    recent = recent_chrome(request)
    return too_many_requests(request, wait, message, helpline=recent and recent["helpline"])


class SiteChromeMiddleware:
    """Before Wagtail serves a page, takes the request's site and the page itself from the
    cached chrome when it is there (caching/chrome.py's routes), so page routing costs one
    query instead of Wagtail's site query and its walk down the tree. Only for Wagtail's page
    view (nothing else pays for the lookup), and never builds the chrome itself: the page does
    that."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            chrome = cached_chrome(request)
            if chrome is not None:
                remember_chrome(request, chrome)
                path = view_kwargs.get("path", view_args[0] if view_args else "")
                page = route_from_chrome(chrome, path, request)
                if page is not None:
                    # What Page.route_for_request() returns, kept where it looks first.
                    request._wagtail_route_for_request = (page, [], {})
