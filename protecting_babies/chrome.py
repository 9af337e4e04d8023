"""The "site chrome": navigation, helpline and footer links that every public page shows.

It is built once and kept in the cache per host, so a page's own queries are all it costs (the
chrome also holds the host's Wagtail Site, so routing needs no site query); any publish,
unpublish, move or delete of a page, or a change to the helpline, site links or sites, replaces
it.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.views import serve as wagtail_serve

from protecting_babies import redis_breaker
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


def chrome_version():
    """A token that changes whenever the chrome must be rebuilt."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
    return version


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate_chrome(**kwargs):
    _new_version()
    # And again once the change is committed: a request in between may have rebuilt the chrome
    # from the rows as they were, under the version just set.
    transaction.on_commit(_new_version)


def _chrome_key(request):
    """The cache key of the chrome for the request's host and port, as Wagtail matches sites.

    Keyed by host rather than by site, so the chrome also tells which site the host serves
    without Wagtail's site query (see SiteChromeMiddleware)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    host = hashlib.sha256(f"{hostname}:{request.get_port()}".encode()).hexdigest()[:32]
    return f"site-chrome:{host}:{chrome_version()}"


def _after_redis_outage():
    """Writes lost while Redis was away may have been a new chrome version, or Wagtail clearing
    its cached site root paths after a site changed: redo both."""
    _new_version()
    Site.clear_site_root_paths_cache()


redis_breaker.on_recovery(_after_redis_outage)


def _cached_chrome(request):
    """The chrome's cache key and what the cache holds there (None when nothing), asked once
    per request: while Redis hangs, each question waits out a timeout."""
    lookup = getattr(request, "_site_chrome_lookup", None)
    if lookup is None:
        key = _chrome_key(request)
        lookup = request._site_chrome_lookup = (key, cache.get(key))
    return lookup


def _remember(request, chrome):
    request._site_chrome = chrome
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = chrome["site"]  # what Site.find_for_request() returns


def get_site_chrome(request):
    """The chrome for the request's site: from the request, then the cache, then the database."""
    chrome = getattr(request, "_site_chrome", None)
    if chrome is not None:
        return chrome
    key, chrome = _cached_chrome(request)
    if chrome is None:
        site = Site.find_for_request(request)
        chrome = EMPTY_CHROME if site is None else build_site_chrome(site)
        cache.set(key, chrome, TIMEOUT)
    _remember(request, chrome)
    return chrome


class SiteChromeMiddleware:
    """Before Wagtail serves a page, takes the request's site from the cached chrome when it is
    there, so page routing skips Wagtail's site query. Only for Wagtail's page view (nothing
    else pays for the lookup), and never builds the chrome itself: the page does that."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            _, chrome = _cached_chrome(request)
            if chrome is not None:
                _remember(request, chrome)


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
    ids = {
        name: getattr(links, f"{name}_id")
        for name in ("staying_safe_page", "accessibility_page", "privacy_page")
    }
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


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def _page_changed(sender, **kwargs):
    invalidate_chrome()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction | Site):
        invalidate_chrome()


@receiver(post_save, sender=HelplineSettings)
@receiver(post_save, sender=SiteLinks)
@receiver(post_save, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
def _settings_changed(sender, **kwargs):
    invalidate_chrome()
