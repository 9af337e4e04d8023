"""The "site chrome": navigation, workstreams, helpline and footer links that every public page
shows.

It is built once and kept in the cache per host, so a page's own queries are all it costs (the
chrome also holds the host's Wagtail Site, so routing needs no site query, and the *routes*: every
live public page's path, id, type and title, so a request reaches its page in one query instead
of Wagtail walking the tree, and breadcrumbs need none: `route_from_chrome()`). What the chrome
shows is decided in one place, `shows_in_chrome()` and CHROME_FIELDS below: the signal
handlers (caching/signals.py) replace it exactly when such a page, the helpline, the site links
or the sites change.

The routes change more often than what the chrome shows (a page published for the first time,
unpublished, or retitled), so they have a version of their own (`invalidate_routes()`), part of
the chrome's key: a publish that changes a route rebuilds the chrome (a handful of queries, once)
but purges no page. A route is only a shortcut: the page it names is fetched and checked (live,
at that path) on every request, and anything the routes do not hold goes through Wagtail's own
routing, so a stale route can cost a query, never show the wrong page.

One part of it changes with no one editing anything: the helpline's dated notices, which show
from a date and go after another. The chrome holds the notices, not which of them show: each
render picks them for its own day, and `chrome_changes_at()` says until when a page rendered
that day may be kept (by the page cache, browsers and a CDN: caching/middleware.py).
"""

import copy
import datetime
import hashlib
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from caching import breaker
from caching.cache import release, request_tokens
from core.models import BasePage
from helpline.models import HelplineSettings
from sitechrome.models import SiteLinks
from strategy.models import WorkstreamPage

logger = logging.getLogger(__name__)
VERSION_KEY = "site-chrome:version"
ROUTES_VERSION_KEY = "site-chrome:routes-version"
TIMEOUT = 24 * 60 * 60
# A host no site answers for: no menu, no helpline, nothing linked.
EMPTY_CHROME = {
    "site": None,
    "home": None,
    "menu": [],
    "workstreams": [],
    "helpline": None,
    "links": SiteLinks(),
    "pages": {},
    "query_rules": {},
    "routes": {},
}
# The footer's links, and where a search that finds nothing sends parents, as SiteLinks
# names them.
LINKED_PAGES = ("staying_safe_page", "accessibility_page", "privacy_page", "help_page")
# Page fields the navigation, the workstream cards or the footer show.
CHROME_FIELDS = ("title", "slug", "url_path", "show_in_menus", "live", "number", "summary")


def shows_in_chrome(page):
    """Whether the page may show on every page: a site's home, a page right under it (the menu,
    the workstream cards), or a page the footer links to."""
    root_ids = set(Site.objects.values_list("root_page_id", flat=True))
    parent = page.get_parent()
    if page.pk in root_ids or parent is None or parent.pk in root_ids:
        return True
    linked = Q()
    for name in LINKED_PAGES:
        linked |= Q(**{name: page.pk})
    return SiteLinks.objects.filter(linked).exists()


def chrome_snapshot(page):
    """What the chrome could show of the page, to compare before and after a change."""
    return {name: getattr(page, name, None) for name in CHROME_FIELDS}


def chrome_version():
    """A token that changes whenever the chrome must be rebuilt."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
    return version


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    forget_recent_chrome()


def _new_routes_version():
    cache.set(ROUTES_VERSION_KEY, uuid.uuid4().hex, None)


def invalidate_routes():
    """Rebuild the chrome's routes (and so the chrome) on the next request of every host: a
    page became live, stopped being live or changed its title. Now, and again once committed
    (see invalidate_chrome())."""
    _new_routes_version()
    transaction.on_commit(_new_routes_version)


def _versions():
    """The chrome's version and its routes' version, in one round trip."""
    found = cache.get_many([VERSION_KEY, ROUTES_VERSION_KEY])
    versions = []
    for key in (VERSION_KEY, ROUTES_VERSION_KEY):
        version = found.get(key)
        if version is None:
            version = uuid.uuid4().hex
            cache.add(key, version, None)
        versions.append(version)
    return versions


def invalidate_chrome():
    """Rebuild every host's chrome on its next request."""
    _new_version()
    # And again once the change is committed: a request in between may have rebuilt the chrome
    # from the rows as they were, under the version just set.
    transaction.on_commit(_new_version)


def _after_cache_outage():
    """Writes lost while the cache was away may have been a new chrome version, or Wagtail
    clearing its cached site root paths after a site changed: redo both."""
    _new_version()
    _new_routes_version()
    Site.clear_site_root_paths_cache()


breaker.on_recovery(_after_cache_outage)


def _chrome_key(request):
    """The cache key of the chrome for the request's host and port, as Wagtail matches sites.

    Keyed by host rather than by site, so the chrome also tells which site the host serves
    without Wagtail's site query (see SiteChromeMiddleware)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    host = hashlib.sha256(f"{hostname}:{request.get_port()}".encode()).hexdigest()[:32]
    version, routes = _versions()
    # And by release, as the page cache's entries are: the chrome holds model instances, which
    # only the code that stored them can load (a model that moved app is another class).
    return f"site-chrome:{release()}:{host}:{version}:{routes}"


# The chromes this process read last, unpickled, by their key (which names the chrome's
# versions: a chrome replaced has a new key): a request whose chrome is here needs neither the
# cache's copy nor unpickling it. Shared by the requests, so never changed: routing gets its own
# copy of the site (remember_chrome()).
_unpickled = OrderedDict()
_unpickled_lock = threading.Lock()
MAX_CHROMES_KEPT = 16


def _keep_unpickled(key, chrome):
    with _unpickled_lock:
        _unpickled[key] = chrome
        while len(_unpickled) > MAX_CHROMES_KEPT:
            _unpickled.popitem(last=False)


def _stored_chrome(key):
    """The chrome the cache holds under `key`, or None; one this code cannot load (stored by
    another release, its models elsewhere) is a miss, built again, never an error page."""
    try:
        return cache.get(key)
    except (LookupError, AttributeError, ImportError, pickle.UnpicklingError) as error:
        logger.warning("The cached site chrome could not be loaded: %r; building it again", error)
        return None


def _lookup(request):
    """The chrome's cache key and what the cache holds there (None when nothing), asked once
    per request: while Redis hangs, each question waits out a timeout."""
    lookup = getattr(request, "_site_chrome_lookup", None)
    if lookup is None:
        key = _chrome_key(request)
        with _unpickled_lock:
            chrome = _unpickled.get(key)
        if chrome is None:
            chrome = _stored_chrome(key)
            if chrome is not None:
                _keep_unpickled(key, chrome)
        lookup = request._site_chrome_lookup = (key, chrome)
    return lookup


def chrome_changes_at(request, rendered_on):
    """When the chrome of a page rendered on `rendered_on` (a UK date) says something else by
    itself: the UK midnight that starts the day the helpline's notices next change (one comes
    into view, starts or ends: HelplineSettings.notices_change_after()), or None when nothing
    will. Only for a request that rendered a page, which put its chrome on the request."""
    chrome = getattr(request, "_site_chrome", None)
    helpline = chrome["helpline"] if chrome else None
    day = helpline.notices_change_after(rendered_on) if helpline else None
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def _own_site(site):
    """A copy of the chrome's site, and of its root page, for one request: Wagtail's routing
    keeps what it works out on them (the specific home page), and the chrome is shared."""
    if site is None:
        return None
    site = copy.copy(site)
    root = site._state.fields_cache.get("root_page")
    if root is not None:
        root = copy.copy(root)
        for name in ("specific", "specific_deferred"):
            root.__dict__.pop(name, None)
        site._state.fields_cache["root_page"] = root
    return site


def remember_chrome(request, chrome):
    request._site_chrome = chrome
    if not hasattr(request, "_wagtail_site"):
        # What Site.find_for_request() returns.
        request._wagtail_site = _own_site(chrome["site"])


def get_site_chrome(request):
    """The chrome for the request's site: from the request, then the cache, then the database."""
    chrome = getattr(request, "_site_chrome", None)
    if chrome is not None:
        return chrome
    key, chrome = _lookup(request)
    if chrome is None:
        site = Site.find_for_request(request)
        chrome = EMPTY_CHROME if site is None else build_site_chrome(site)
        cache.set(key, chrome, TIMEOUT)
        _keep_unpickled(key, chrome)
    remember_chrome(request, chrome)
    return chrome


def _query_rules(home):
    """{path: the query-string parameters the page there reads} for the site's pages whose
    type declares any (BasePage.query_parameters()), e.g. the library and its filters."""
    rules = {}
    for model in get_page_models():
        if not issubclass(model, BasePage) or not model.reads_query_string():
            continue
        for page in model.objects.live().descendant_of(home, inclusive=True).defer_streamfields():
            path = "/" + page.url_path[len(home.url_path) :]
            rules[path] = page.query_parameters()
    return rules


# What each process has read of each host's chrome for the requests the page cache answers
# (the query rules, the helpline for a 429): looked at again once a second, so a hit, or a
# refusal, needs no extra round trip nor unpickling of the whole chrome.
_recent = {}
_recent_lock = threading.Lock()
RECENT_SECONDS = 1.0
MAX_HOSTS_SEEN = 100  # hosts are a handful (ALLOWED_HOSTS); never let them pile up


def recent_chrome(request):
    """{"query_rules", "helpline"} of the chrome of the request's host, at most a second old
    (built if need be, as the page would); None for a host Django refuses."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # refused further in: nothing to remember about it
    now = time.monotonic()
    with _recent_lock:
        seen = _recent.get(host)
    if seen is None or now - seen[1] > RECENT_SECONDS:
        chrome = get_site_chrome(request)
        recent = {"query_rules": chrome.get("query_rules", {}), "helpline": chrome["helpline"]}
        seen = (recent, now)
        with _recent_lock:
            if len(_recent) >= MAX_HOSTS_SEEN:
                _recent.clear()
            _recent[host] = seen
    return seen[0]


def query_rules_for(request):
    """What the page at the request's path reads of the query string ({name: allowed}), beyond
    the site-wide parameters: the page cache's PAGE_CACHE_QUERY_RULES."""
    recent = recent_chrome(request)
    return recent["query_rules"].get(request.path_info, {}) if recent else {}


def forget_recent_chrome():
    with _recent_lock:
        _recent.clear()


def build_site_chrome(site):
    """Everything the chrome shows, as picklable values, in a handful of queries."""
    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))

    def is_public(page):
        return not any(page.path.startswith(path) for path in restricted_paths)

    # A fresh copy of the site, whose root page is the home page: the site given may be the one
    # routing used, with the specific home page cached on it, which must not be kept in here
    # (routing fetches it afresh on every request, as Wagtail does).
    site = Site.objects.select_related("root_page").get(pk=site.pk)
    home = site.root_page
    menu = [page for page in Page.objects.child_of(home).live().in_menu() if is_public(page)]
    workstreams = [
        page
        for page in WorkstreamPage.objects.child_of(home)
        .live()
        .defer_streamfields()
        .order_by("number")
        if is_public(page)
    ]
    routes = {}
    for page_id, content_type_id, url_path, title, path in (
        Page.objects.live()
        .descendant_of(home, inclusive=True)
        # An alias takes its source's view restrictions: Wagtail routes it and checks them.
        .filter(alias_of__isnull=True)
        .values_list("id", "content_type_id", "url_path", "title", "path")
    ):
        if not any(path.startswith(restricted) for restricted in restricted_paths):
            routes["/" + url_path[len(home.url_path) :]] = (page_id, content_type_id, title)
    links = SiteLinks.for_site(site)
    ids = {name: getattr(links, f"{name}_id") for name in LINKED_PAGES}
    linked = Page.objects.live().in_bulk([pk for pk in ids.values() if pk])
    pages = {name: linked[pk] for name, pk in ids.items() if pk in linked and is_public(linked[pk])}
    return {
        "site": site,
        "home": home,
        "menu": menu,
        "workstreams": workstreams,
        "helpline": HelplineSettings.for_site(site),
        "links": links,
        "pages": pages,
        "query_rules": _query_rules(home),
        "routes": routes,
    }


# The pages this process fetched last, pickled, by (id, the path's purge tokens, release): a
# page purged has new tokens, so it is fetched again; never shared between requests (each
# gets its own copy, unpickled).
_pages = OrderedDict()
_pages_lock = threading.Lock()
MAX_PAGES_KEPT = 500


def _fetch_page(model, page_id, request):
    keeps = request is not None and settings.PAGE_FRAGMENTS_ENABLED
    tokens = request_tokens(request) if keeps else None
    key = (page_id, tokens, release()) if tokens is not None else None
    if key is not None:
        with _pages_lock:
            kept = _pages.get(key)
        if kept is not None:
            return pickle.loads(kept)  # noqa: S301 - pickled by this process, below
    try:
        page = model.objects.get(pk=page_id)
    except model.DoesNotExist:
        return None
    if key is not None:
        kept = pickle.dumps(page)
        with _pages_lock:
            _pages[key] = kept
            while len(_pages) > MAX_PAGES_KEPT:
                _pages.popitem(last=False)
    return page


def route_from_chrome(chrome, path, request=None):
    """The live page at `path` (as Wagtail's serve view gets it: "a/b/", "" for the home
    page) from the chrome's routes, in one query at most; None when they do not hold it, or it
    is no longer live there (then Wagtail routes it). The page is marked as one no view
    restriction applies to: the routes hold public pages only, and a restriction added replaces
    them. With `request`, a page this process fetched since the path was last purged is used
    again (no query: `_fetch_page()`)."""
    found = chrome.get("routes", {}).get("/" + path)
    home = chrome["home"]
    if found is None or home is None:
        return None
    page_id, content_type_id, _title = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = _fetch_page(model, page_id, request)
    if page is None or not page.live or page.url_path != home.url_path + path:
        return None
    page.public_per_chrome = True
    return page


def breadcrumbs_from_chrome(chrome, page):
    """[(url, title)] from the home page down to the page's parent, from the routes (no
    query); None when the routes do not hold the page."""
    home = chrome["home"]
    routes = chrome.get("routes", {})
    if home is None or not page.url_path.startswith(home.url_path):
        return None
    path = "/" + page.url_path[len(home.url_path) :]
    if routes.get(path, (None,))[0] != page.pk:
        return None
    parts = [part for part in path.split("/") if part]
    trail = []
    for depth in range(len(parts)):
        prefix = "/" + "".join(part + "/" for part in parts[:depth])
        if prefix in routes:
            trail.append((prefix, routes[prefix][2]))
    return trail
