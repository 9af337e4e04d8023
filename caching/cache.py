"""The anonymous page cache's store: whole public pages, and the tokens that purge them.
See docs/performance.md.

An entry is stored under a key made of the scheme, host, path and query string, together with
two version tokens: the cache's *generation* (changed to purge every page) and the path's own
token (changed to purge that path and every query-string variant of it, e.g. the library's
filters). A lookup reads the entry and both tokens in one round trip and serves the entry only
when its tokens are still current, so a purge is a single write that no concurrent render can
undo: a response rendered from old content is stored under old tokens and never served.

Which requests are answered from here is the middleware's business (caching/middleware.py);
when a purge is due, the signal handlers' (caching/signals.py).
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from caching import breaker

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PATH_KEY = "pagecache:path:{}"
ENTRY_KEY = "pagecache:entry:{}"
# Headers that belong to one response and are never replayed from the cache.
UNSTORED_HEADERS = {"set-cookie", "date", "age", "x-page-cache"}


def page_cache():
    """The cache that holds pages: the "pages" alias when configured, else the default."""
    alias = "pages" if "pages" in settings.CACHES else "default"
    return caches[alias]


def _new_token():
    return uuid.uuid4().hex


def _digest(value):
    return hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest()


def _path_key(path):
    return PATH_KEY.format(_digest(path))


class Lookup:
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


def page_path(page):
    """The page's path on its site ("/useful-resources/"), or None when it is not routable."""
    parts = page.get_url_parts()
    return parts[2] if parts and parts[2] else None


def _absolute_urls(paths):
    roots = [site.root_url for site in Site.objects.all()]
    return [root.rstrip("/") + path for root in roots for path in paths]


def _purge_frontend(paths):
    """Purge a CDN or proxy in front through Wagtail's front-end cache backends, if configured."""
    if not paths or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        purge_urls_from_cache(sorted(set(_absolute_urls(paths))))
    except Exception:
        logger.exception("Could not purge the front-end cache")


def purge_paths(paths):
    """Purge these paths (and every query-string variant of them) now."""
    paths = {path for path in paths if path}
    if not paths:
        return
    if breaker.allow(writes=True):
        try:
            page_cache().set_many({_path_key(path): _new_token() for path in paths}, None)
        except Exception as error:
            breaker.failed(error, writes=True)
    _purge_frontend(paths)


def _new_generation():
    """Every page stored so far is stale from now on."""
    page_cache().set(GENERATION_KEY, _new_token(), None)


def purge_everything():
    """Purge every page: the helpline, site links or navigation changed."""
    if breaker.allow(writes=True):
        try:
            _new_generation()
        except Exception as error:
            breaker.failed(error, writes=True)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        pages = Page.objects.live().public().specific()
        _purge_frontend([path for path in map(page_path, pages) if path])


# A purge lost while the cache was away may have been any purge: every page may be stale.
breaker.on_recovery(_new_generation)
