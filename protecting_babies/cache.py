"""The anonymous page cache: whole public pages kept for visitors without a session, and purged
the moment the content they show changes. See docs/performance.md.

An entry is stored under a key made of the scheme, host, path and query string, together with
two version tokens: the cache's *generation* (changed to purge every page) and the path's own
token (changed to purge that path and every query-string variant of it, e.g. the library's
filters). A lookup reads the entry and both tokens in one round trip and serves the entry only
when its tokens are still current, so a purge is a single write that no concurrent render can
undo: a response rendered from old content is stored under old tokens and never served.
"""

import hashlib
import logging
import time
import uuid
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PATH_KEY = "pagecache:path:{}"
ENTRY_KEY = "pagecache:entry:{}"
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
# Headers that belong to one response and are never replayed from the cache.
UNSTORED_HEADERS = {"set-cookie", "date", "age", STATUS_HEADER.lower()}
MAX_QUERY_LENGTH = 512
# Added to links by campaigns, ad networks, social media and newsletters for their own
# analytics: never read by a page, so dropped before the cache key is made.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
    }
)
# After the cache fails, this process serves pages uncached for this long before trying again,
# so a hung Redis costs one timeout, not one per request.
RETRY_AFTER_SECONDS = 30

_state = {"down_until": 0.0, "purge_pending": False}


def page_cache():
    """The cache that holds pages: the "pages" alias when configured, else the default."""
    alias = "pages" if "pages" in settings.CACHES else "default"
    return caches[alias]


def _cache_is_down():
    return time.monotonic() < _state["down_until"]


def _cache_failed(error):
    if not _cache_is_down():
        logger.warning("Page cache unavailable, serving pages uncached: %s", error)
    _state["down_until"] = time.monotonic() + RETRY_AFTER_SECONDS


def _new_token():
    return uuid.uuid4().hex


def _digest(value):
    return hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest()


def _path_key(path):
    return PATH_KEY.format(_digest(path))


# --- Serving -------------------------------------------------------------------------------


def is_page_read(request):
    """A GET or HEAD of a public page (not the admin, search, documents, static files...)."""
    if request.method not in ("GET", "HEAD"):
        return False
    excluded = EXCLUDED_PREFIXES + tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ()))
    return not request.path_info.startswith(excluded)


def is_candidate(request):
    """Whether the request is one the cache may answer: an anonymous GET/HEAD of a public page."""
    return is_page_read(request) and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH


def _is_tracking(parameter):
    name = unquote_plus(parameter.split("=", 1)[0]).lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def drop_tracking_parameters(request):
    """Take campaign and click-tracking parameters off a page request's query string.

    No page reads them, and a link shared on social media gets a new click id on every click:
    left in, each visitor from a campaign would be a cache miss. The rest of the query string
    (the library's filters) is kept as it was sent."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    kept = [part for part in query.split("&") if part and not _is_tracking(part)]
    if len(kept) != query.count("&") + 1:
        request.META["QUERY_STRING"] = "&".join(kept)
        request.__dict__.pop("GET", None)  # parsed again from the cleaned string if read


def has_credentials(request):
    """A session cookie (signed-in editors, page passwords) or an Authorization header."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def is_cacheable(request, response):
    """Whether the response is the same for every anonymous visitor and may be kept."""
    if response.status_code != 200 or response.streaming:
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


def add_public_headers(response):
    """Cache-Control for browsers and a CDN in front: short in browsers, longer at the edge."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_BROWSER_TTL,
        s_maxage=settings.PAGE_CACHE_CDN_TTL,
        stale_while_revalidate=60,
        stale_if_error=86400,
    )


def add_private_headers(response):
    """Responses for one visitor (an editor signed in, a page password): no shared cache."""
    patch_cache_control(response, private=True, no_cache=True)


def _not_modified(request, etag):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH", "").strip()
    return bool(if_none_match) and (if_none_match == "*" or etag in parse_etags(if_none_match))


class _Lookup:
    """One request's view of the cache: the entry key and the tokens current when it began."""

    def __init__(self, request):
        self.store = page_cache()
        self.key = ENTRY_KEY.format(
            _digest(
                "|".join(
                    [
                        request.scheme,
                        request.get_host(),
                        request.path_info,
                        request.META.get("QUERY_STRING", ""),
                    ]
                )
            )
        )
        self.path_key = _path_key(request.path_info)
        self.generation = self.path_token = None

    def fetch(self):
        """The stored entry if it is current, else None. Raises when the cache is down."""
        if _state["purge_pending"]:
            # A purge failed while the cache was down: everything may be stale now, the site
            # chrome (menu, helpline) included, whose own invalidation was lost the same way.
            self.store.set(GENERATION_KEY, _new_token(), None)
            _state["purge_pending"] = False
            from protecting_babies.chrome import invalidate_chrome

            invalidate_chrome()
        found = self.store.get_many([GENERATION_KEY, self.path_key, self.key])
        self.generation = found.get(GENERATION_KEY) or self._ensure(GENERATION_KEY)
        self.path_token = found.get(self.path_key) or self._ensure(self.path_key)
        entry = found.get(self.key)
        if entry and entry["generation"] == self.generation and entry["path"] == self.path_token:
            return entry
        return None

    def _ensure(self, key):
        token = _new_token()
        if self.store.add(key, token, None):
            return token
        return self.store.get(key) or token

    def save(self, response):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        entry = {
            "generation": self.generation,
            "path": self.path_token,
            "headers": headers,
            "content": response.content,
        }
        self.store.set(self.key, entry, settings.PAGE_CACHE_TTL)


def _response_from(headers, content, request):
    """A response to this request from stored headers and content: 304 when the ETag matches."""
    etag = dict(headers).get("ETag", "")
    if etag and _not_modified(request, etag):
        response = HttpResponse(status=304)
        for name, value in headers:
            if name in ("ETag", "Cache-Control", "Vary"):
                response[name] = value
        return response
    response = HttpResponse(b"" if request.method == "HEAD" else content)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public pages from the cache, and fills it.

    Placed before the session, CSRF and authentication middleware, so a cached page costs no
    database query and is still served while the database is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_page_read(request):
            drop_tracking_parameters(request)
        if not settings.PAGE_CACHE_ENABLED or not is_candidate(request):
            return self.get_response(request)
        if has_credentials(request):
            response = self.get_response(request)
            add_private_headers(response)
            response[STATUS_HEADER] = "bypass"
            return response

        lookup = None
        if not _cache_is_down():
            lookup = _Lookup(request)
            try:
                entry = lookup.fetch()
            except Exception as error:  # a cache outage is a miss, never an error page
                _cache_failed(error)
                lookup = None
            else:
                if entry is not None:
                    response = _response_from(entry["headers"], entry["content"], request)
                    response[STATUS_HEADER] = "hit"
                    return response

        response = self.get_response(request)
        if not is_cacheable(request, response):
            if response.cookies:
                add_private_headers(response)
            elif "Cache-Control" not in response:
                patch_cache_control(response, no_cache=True)
            response[STATUS_HEADER] = "bypass"
            return response

        add_public_headers(response)
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
        status = "off"
        if lookup is not None and request.method == "GET":
            try:
                lookup.save(response)
                status = "miss"
            except Exception as error:
                _cache_failed(error)
        if _not_modified(request, response["ETag"]):
            response = _response_from(list(response.items()), b"", request)
        response[STATUS_HEADER] = status
        return response


# --- Purging -------------------------------------------------------------------------------


def _absolute_urls(paths):
    from wagtail.models import Site

    roots = [site.root_url for site in Site.objects.all()]
    return [root.rstrip("/") + path for root in roots for path in paths]


def _purge_frontend(paths):
    """Purge a CDN or proxy in front through Wagtail's front-end cache backends, if configured."""
    if not paths or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(sorted(set(_absolute_urls(paths))))
    except Exception:
        logger.exception("Could not purge the front-end cache")


def purge_paths(paths):
    """Purge these paths (and every query-string variant of them) now."""
    paths = {path for path in paths if path}
    if not paths:
        return
    store = page_cache()
    try:
        store.set_many({_path_key(path): _new_token() for path in paths}, None)
    except Exception as error:
        _cache_failed(error)
        _state["purge_pending"] = True
    _purge_frontend(paths)


def purge_everything():
    """Purge every page: the helpline, site links or navigation changed."""
    try:
        page_cache().set(GENERATION_KEY, _new_token(), None)
    except Exception as error:
        _cache_failed(error)
        _state["purge_pending"] = True
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.models import Page

        paths = [_page_path(page) for page in Page.objects.live().public().specific()]
        _purge_frontend([path for path in paths if path])


def _on_commit(paths=(), everything=False):
    """Purge once the change is committed, so no visitor can cache the old content after it."""
    paths = set(paths)

    def purge():
        if everything:
            purge_everything()
        else:
            purge_paths(paths)

    transaction.on_commit(purge)


def _page_path(page):
    """The page's path on its site ("/useful-resources/"), or None when it is not routable."""
    parts = page.get_url_parts()
    return parts[2] if parts and parts[2] else None


# Page fields the navigation, breadcrumbs or footer of every page may show.
CHROME_FIELDS = ("title", "slug", "url_path", "show_in_menus", "live", "number", "summary")


def _in_chrome(page):
    """Whether the page shows on every page: a site's home, a menu item, or a footer link."""
    from django.db.models import Q
    from wagtail.models import Site

    from protecting_babies.models import SiteLinks

    root_ids = set(Site.objects.values_list("root_page_id", flat=True))
    parent = page.get_parent()
    if page.pk in root_ids or parent is None or parent.pk in root_ids:
        return True
    linked = Q(staying_safe_page=page.pk) | Q(accessibility_page=page.pk) | Q(privacy_page=page.pk)
    return SiteLinks.objects.filter(linked).exists()


def _snapshot(instance, fields):
    return {name: getattr(instance, name, None) for name in fields}


def _remember_page(sender, instance, **kwargs):
    """Before a page is saved, note what the navigation showed of it."""
    from wagtail.models import Page

    if not isinstance(instance, Page) or instance.pk is None:
        return
    old = type(instance).objects.filter(pk=instance.pk).first()
    instance._page_cache_before = _snapshot(old, CHROME_FIELDS) if old else None


def _referring_page_paths(obj):
    """Paths of the live pages that refer to obj (links, choosers), from Wagtail's index."""
    from wagtail.models import Page, ReferenceIndex

    refs = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page)
    )
    ids = {int(pk) for pk in refs.values_list("object_id", flat=True) if str(pk).isdigit()}
    return {_page_path(page) for page in Page.objects.filter(pk__in=ids).live().specific()}


def page_targets(page):
    """The paths a change to this page shows on, or None when it shows on every page."""
    from resources.models import Resource

    before = getattr(page, "_page_cache_before", None)
    after = _snapshot(page, CHROME_FIELDS)
    if _in_chrome(page) and (before is None or before != after):
        return None
    paths = {_page_path(page)}
    paths |= {_page_path(p) for p in page.get_ancestors().specific() if p.depth > 1}
    if before is None or before["title"] != after["title"]:
        # Breadcrumbs below this page show its title.
        paths |= {_page_path(p) for p in page.get_descendants().specific()}
    paths |= _referring_page_paths(page)
    listed = Resource.objects.filter(page=page)
    if listed.exists():
        paths |= _resource_listing_paths(listed)
    return paths


def _page_changed(sender, instance, **kwargs):
    targets = page_targets(instance)
    _on_commit(paths=targets or (), everything=targets is None)


def _page_moved_or_deleted(sender, instance=None, **kwargs):
    """A move or delete changes a subtree's addresses, the navigation and breadcrumbs."""
    from wagtail.models import Page

    if instance is None or isinstance(instance, Page):
        _on_commit(everything=True)


def _everything_changed(sender, **kwargs):
    _on_commit(everything=True)


def _media_changed(sender, instance, created=False, **kwargs):
    """An image or document edited or deleted: its address may have changed on any page."""
    if not created:
        _on_commit(everything=True)


# Resources: the library, the workstream pages that list them and pages that choose them.


def _resource_listing_paths(resources):
    from resources.models import ResourceIndexPage
    from strategy.models import WorkstreamPage

    paths = {_page_path(page) for page in ResourceIndexPage.objects.all()}
    workstreams = WorkstreamPage.objects.filter(resources__in=resources).distinct()
    return paths | {_page_path(page) for page in workstreams}


def _resource_workstream_ids(resource):
    from resources.models import Resource

    rows = Resource.workstreams.through.objects.filter(resource_id=resource.pk)
    return set(rows.values_list("workstreampage_id", flat=True))


def _remember_resource(sender, instance, **kwargs):
    """Before a resource is saved or deleted, note the workstream pages that list it now."""
    instance._page_cache_workstreams = _resource_workstream_ids(instance) if instance.pk else set()
    if kwargs.get("signal") is pre_delete:
        _on_commit(paths=_resource_targets(instance))


def _resource_targets(resource):
    from resources.models import ResourceIndexPage
    from strategy.models import WorkstreamPage

    ids = getattr(resource, "_page_cache_workstreams", set())
    if resource.pk:
        ids = ids | _resource_workstream_ids(resource)
    paths = {_page_path(page) for page in ResourceIndexPage.objects.all()}
    paths |= {_page_path(page) for page in WorkstreamPage.objects.filter(pk__in=ids)}
    if resource.pk:
        paths |= _referring_page_paths(resource)
    return paths


def _resource_changed(sender, instance, **kwargs):
    _on_commit(paths=_resource_targets(instance))


def connect_signals():
    """Connect the purges to the signals of Wagtail and of the site's own models."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    from protecting_babies.models import HelplineSettings, SiteLinks
    from resources.models import Resource

    uid = "page-cache"
    pre_save.connect(_remember_page, dispatch_uid=f"{uid}-page-before")
    page_published.connect(_page_changed, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{uid}-unpublished")
    page_slug_changed.connect(_everything_changed, dispatch_uid=f"{uid}-slug")
    post_page_move.connect(_page_moved_or_deleted, dispatch_uid=f"{uid}-moved")
    post_delete.connect(_page_moved_or_deleted, dispatch_uid=f"{uid}-deleted")
    for model in (HelplineSettings, SiteLinks, Site, PageViewRestriction):
        post_save.connect(_everything_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(
            _everything_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-del"
        )
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_media_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(
            _everything_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-del"
        )
    pre_save.connect(_remember_resource, sender=Resource, dispatch_uid=f"{uid}-res-before")
    pre_delete.connect(_remember_resource, sender=Resource, dispatch_uid=f"{uid}-res-delete")
    published.connect(_resource_changed, sender=Resource, dispatch_uid=f"{uid}-res-published")
    unpublished.connect(_resource_changed, sender=Resource, dispatch_uid=f"{uid}-res-unpub")
