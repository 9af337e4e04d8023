"""The "site chrome": navigation, workstreams, helpline and footer links that every public page
shows.

It is built once and kept in the cache per host, so a page's own queries are all it costs (the
chrome also holds the host's Wagtail Site, so routing needs no site query). What the chrome
shows is decided in one place, `shows_in_chrome()` and CHROME_FIELDS below: the signal
handlers (caching/signals.py) replace it exactly when such a page, the helpline, the site links
or the sites change.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from caching import breaker
from protecting_babies.models import HelplineSettings, SiteLinks
from strategy.models import WorkstreamPage

VERSION_KEY = "site-chrome:version"
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
}
# The footer's links, as SiteLinks names them.
LINKED_PAGES = ("staying_safe_page", "accessibility_page", "privacy_page")
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
    Site.clear_site_root_paths_cache()


breaker.on_recovery(_after_cache_outage)


def _chrome_key(request):
    """The cache key of the chrome for the request's host and port, as Wagtail matches sites.

    Keyed by host rather than by site, so the chrome also tells which site the host serves
    without Wagtail's site query (see SiteChromeMiddleware)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    host = hashlib.sha256(f"{hostname}:{request.get_port()}".encode()).hexdigest()[:32]
    return f"site-chrome:{host}:{chrome_version()}"


def _lookup(request):
    """The chrome's cache key and what the cache holds there (None when nothing), asked once
    per request: while Redis hangs, each question waits out a timeout."""
    lookup = getattr(request, "_site_chrome_lookup", None)
    if lookup is None:
        key = _chrome_key(request)
        lookup = request._site_chrome_lookup = (key, cache.get(key))
    return lookup


def cached_chrome(request):
    """The chrome the cache holds for the request's host, or None; never builds it."""
    return _lookup(request)[1]


def remember_chrome(request, chrome):
    request._site_chrome = chrome
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = chrome["site"]  # what Site.find_for_request() returns


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
    remember_chrome(request, chrome)
    return chrome


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
    }
