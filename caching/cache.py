"""The anonymous page cache's store: whole public pages, and the tokens that purge them.
See docs/performance.md.

An entry is stored under a key made of the scheme, host, path and (normalised) query string,
together with two version tokens: the cache's *generation* (changed to purge every page) and
the path's own token (changed to purge that path and every query-string variant of it, e.g.
the library's filters). What a path that is no page answers (a 404, a redirect) is kept too,
under the *missing* token instead of the path's, and in each process's memory rather than in
Redis (MISSING_COPIES), so random paths cost Redis nothing: any page published, moved or
deleted, or any redirect changed, purges all of those at once, since a page may now be there.
A lookup reads the entry and its tokens in one round trip and serves the entry only when its
tokens are still current, so a purge is a single write that no concurrent render can undo: a
response rendered from old content is stored under old tokens and never served.

Each process also keeps its own copy of the entries it served last (LOCAL_COPIES), and serves
one again without asking Redis for up to PAGE_CACHE_LOCAL_SECONDS after Redis last said it was
current: a hit then costs no round trip at all, and a purge reaches every instance within that
second. A purge made in this process empties its copies at once.

An entry may also carry when it `expires` (a time.time() value): the moment what the page
shows changes by itself (a helpline notice starting or ending at midnight, sitechrome/chrome.py).
It is never served after that, from Redis or from a process's copies, nor kept in Redis longer.

A page is stored gzip-compressed, once, when it is stored (`compress()`): a browser that takes
gzip is sent those bytes as they are, any other the page decompressed (`plain_content()`, once
per process copy). Entries are keyed by the release too (`release()`), so two releases running
side by side during a rollout never serve each other's pages; the tokens are shared by both.

Which requests are answered from here is the middleware's business (caching/middleware.py);
when a purge is due, the signal handlers' (caching/signals.py). What a purge purged is rendered
again at once (caching/warm.py).
"""

import functools
import gzip
import hashlib
import logging
import math
import os
import threading
import time
import uuid
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from caching import breaker
from caching.warm import warm_later

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
MISSING_KEY = "pagecache:missing"
PATH_KEY = "pagecache:path:{}"
ENTRY_KEY = "pagecache:entry:{}"
# Responses for a path that is no page: kept under the missing token, for less time.
MISSING_STATUSES = frozenset({301, 302, 307, 308, 404})
# Headers that belong to one response and are never replayed from the cache.
UNSTORED_HEADERS = {"set-cookie", "date", "age", "x-page-cache", "content-length"}


def compress(content):
    """A page as it is stored: gzip-compressed once, when it is stored (never on a hit)."""
    return gzip.compress(content, compresslevel=6, mtime=0)


def plain_content(entry):
    """The entry's page uncompressed, for a browser that does not take gzip: decompressed once
    per process copy of the entry, then kept beside it."""
    plain = entry.get("plain")
    if plain is None:
        plain = gzip.decompress(entry["content"]) if entry.get("gzip") else entry["content"]
        entry["plain"] = plain
    return plain


def wall_clock():
    """Now, in seconds since the epoch: what an entry's `expires` is compared with."""
    return time.time()


def seconds_left(expires):
    """The seconds from now until `expires` (None when it is None)."""
    return None if expires is None else expires - wall_clock()


def is_fresh(entry):
    """Whether the entry may still be served: it has no `expires`, or that is still to come."""
    expires = entry.get("expires")
    return expires is None or wall_clock() < expires


def page_cache():
    """The cache that holds pages: the "pages" alias when configured, else the default."""
    alias = "pages" if "pages" in settings.CACHES else "default"
    return caches[alias]


def new_token():
    return uuid.uuid4().hex


def digest(value):
    return hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest()


def path_key(path):
    return PATH_KEY.format(digest(path))


# Folders of the checkout that hold no code that renders pages.
NOT_RELEASED = {"node_modules", "tests", "bench", "scripts", "docs", "deploy", "requirements"}


@functools.cache
def release():
    """A name for the code this process runs: a digest of the project's Python files and
    templates and of the built assets' manifest. Part of every stored page's and body's key, so
    one release never serves what another rendered (both run during a rollout), and
    `manage.py warm_cache` in the release step fills the new release's entries before its
    instances serve. The purge tokens are shared, so a purge reaches both."""
    root = Path(settings.BASE_DIR)
    hasher = hashlib.sha256()
    folders = [
        entry
        for entry in sorted(root.iterdir())
        if entry.is_dir()
        and not entry.is_symlink()
        and not entry.name.startswith(".")
        and entry.name not in NOT_RELEASED
    ]
    for folder in folders:
        for directory, subfolders, files in os.walk(folder):
            subfolders[:] = sorted(name for name in subfolders if name != "node_modules")
            for name in sorted(files):
                if name.endswith((".py", ".html")) or name == "staticfiles.json":
                    path = Path(directory, name)
                    hasher.update(str(path.relative_to(root)).encode())
                    hasher.update(path.read_bytes())
    return hasher.hexdigest()[:16]


class LocalCopies:
    """Entries this process keeps in its own memory, the latest used last: (entry, when it was
    put). `seconds` and `entries` name the settings for how long and how many."""

    def __init__(self, seconds, entries):
        self._seconds = seconds
        self._size = entries
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        max_age = getattr(settings, self._seconds)
        if not max_age:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is None or time.monotonic() - found[1] > max_age:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key, entry):
        if not getattr(settings, self._seconds):
            return
        with self._lock:
            self._entries[key] = (entry, time.monotonic())
            self._entries.move_to_end(key)
            while len(self._entries) > getattr(settings, self._size):
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


# The entries served last, served again without asking Redis for up to a second.
LOCAL_COPIES = LocalCopies("PAGE_CACHE_LOCAL_SECONDS", "PAGE_CACHE_LOCAL_ENTRIES")
# What paths that are no page answered (404s, redirects): kept by each process only, checked
# against the tokens on every use, so a flood of random paths adds no key to Redis and never
# pushes a real page out of it.
MISSING_COPIES = LocalCopies("PAGE_CACHE_MISSING_TTL", "PAGE_CACHE_MISSING_ENTRIES")
# The pages kept but for their per-request parts (fragments.py) this process used last, by key
# and the tokens they were kept under: only a request that read the same tokens uses one.
KEPT_COPIES = LocalCopies("PAGE_CACHE_TTL", "PAGE_KEPT_LOCAL_ENTRIES")


def forget_local_copies():
    """This process forgets every entry it keeps itself (the tests start each from none)."""
    LOCAL_COPIES.clear()
    MISSING_COPIES.clear()
    KEPT_COPIES.clear()


def request_identity(request):
    """What names the page a request asks for in the store: the release, scheme, host, path
    and (normalised) query string. A stored page and a kept one (fragments.py) both start
    from it."""
    return [
        release(),
        request.scheme,
        request.get_host(),
        request.path_info,
        request.META.get("QUERY_STRING", ""),
    ]


class Lookup:
    """One request's view of the cache: the entry key and the tokens current when it began."""

    def __init__(self, request):
        self.store = page_cache()
        self.key = ENTRY_KEY.format(digest("|".join(request_identity(request))))
        self.path_key = path_key(request.path_info)
        self.generation = self.path_token = self.missing_token = None

    def fetch(self):
        """The stored entry if it is current, else None. Raises when the cache is down."""
        entry = LOCAL_COPIES.get(self.key)
        if entry is not None and is_fresh(entry):
            return entry
        keys = [GENERATION_KEY, self.path_key, MISSING_KEY, self.key]
        found = self.store.get_many(keys)
        self.generation = found.get(GENERATION_KEY) or self._ensure(GENERATION_KEY)
        # A path's token is written only when a page is stored there (save()): a flood of
        # paths that are no page leaves no key behind for each.
        self.path_token = found.get(self.path_key)
        self.missing_token = found.get(MISSING_KEY) or self._ensure(MISSING_KEY)
        entry = found.get(self.key) or MISSING_COPIES.get(self.key)
        if (
            entry
            and entry["generation"] == self.generation
            and entry["path"] == self._token(entry)
            and is_fresh(entry)
        ):
            LOCAL_COPIES.put(self.key, entry)
            return entry
        return None

    def ensure_path_token(self):
        """The path's token, written now if there is none yet (as save() would), for what is
        kept of the page under it (caching/fragments.py). None when another render or a purge
        wrote one meanwhile: then the page is kept neither way this time."""
        if self.path_token is None:
            token = new_token()
            if not self.store.add(self.path_key, token, None):
                return None
            self.path_token = token
        return self.path_token

    def _token(self, entry):
        return self.missing_token if entry["missing"] else self.path_token

    def _ensure(self, key):
        token = new_token()
        if self.store.add(key, token, None):
            return token
        return self.store.get(key) or token

    def save(self, response, expires=None):
        """Keep the response, compressed, under the tokens read by fetch(), until `expires` at
        the latest (see the module's docstring); returns the entry. False when it cannot be:
        the path had no token, and one was written meanwhile (a purge, or another render); or
        it has expired already."""
        timeout = settings.PAGE_CACHE_TTL
        if expires is not None:
            timeout = min(timeout, math.floor(expires - wall_clock()))
            if timeout <= 0:
                return False
        missing = response.status_code in MISSING_STATUSES
        if not missing and self.path_token is None:
            self.path_token = new_token()
            if not self.store.add(self.path_key, self.path_token, None):
                return False
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        entry = {
            "generation": self.generation,
            "path": self.missing_token if missing else self.path_token,
            "missing": missing,
            "status": response.status_code,
            "etag": response.get("ETag", ""),
            "headers": headers,
            "content": compress(response.content),
            "gzip": True,
            "expires": expires,
        }
        if missing:
            MISSING_COPIES.put(self.key, entry)
        else:
            self.store.set(self.key, entry, timeout)
        LOCAL_COPIES.put(self.key, entry)
        return entry


def request_tokens(request):
    """(generation, path token) of the request's path: what a page rendered for it, and what
    is kept of that render (the page but for its per-request parts, the page's model:
    caching/fragments.py, sitechrome/chrome.py), is kept under. Those the page cache's lookup
    read in its own round trip when there is one (none more), else read now; a missing token is
    written, as save() does. None when nothing may be kept this time (the cache is away, or a
    token was written meanwhile by a purge or another render). Asked once per request."""
    if hasattr(request, "_page_tokens"):
        return request._page_tokens
    tokens = None
    lookup = getattr(request, "page_cache_lookup", None)
    try:
        if lookup is not None and lookup.generation is not None:
            path_token = lookup.ensure_path_token()
            if path_token is not None:
                tokens = (lookup.generation, path_token)
        elif breaker.allow():
            tokens = _read_tokens(page_cache(), path_key(request.path_info))
    except Exception as error:  # the cache away: nothing kept, as with no cache
        breaker.failed(error)
        tokens = None
    request._page_tokens = tokens
    return tokens


def _read_tokens(store, own_path):
    found = store.get_many([GENERATION_KEY, own_path])
    tokens = []
    for key in (GENERATION_KEY, own_path):
        token = found.get(key)
        if token is None:
            token = new_token()
            if not store.add(key, token, None):
                return None
        tokens.append(token)
    return tuple(tokens)


def page_path(page):
    """The page's path on its site ("/useful-resources/"), or None when it is not routable."""
    parts = page.get_url_parts()
    return parts[2] if parts and parts[2] else None


def _absolute_urls(paths):
    roots = [site.root_url for site in Site.objects.all()]
    return [root.rstrip("/") + path for root in roots for path in paths]


def public_page_urls():
    """The address of every live public page on every site, the home pages first."""
    urls = []
    for page in Page.objects.live().public().order_by("depth", "path"):
        parts = page.get_url_parts()
        if parts and parts[1] and parts[2]:
            urls.append(parts[1].rstrip("/") + parts[2])
    return urls


def _purge_frontend(paths):
    """Purge a CDN or proxy in front through Wagtail's front-end cache backends, if configured."""
    if not paths or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        purge_urls_from_cache(sorted(set(_absolute_urls(paths))))
    except Exception:
        logger.exception("Could not purge the front-end cache")


def purge_paths(paths, missing=False):
    """Purge these paths (and every query-string variant of them) now; `missing`: and what
    every path that is no page answered (a page may be at one of them now)."""
    paths = {path for path in paths if path}
    if not paths and not missing:
        return
    LOCAL_COPIES.clear()
    tokens = {path_key(path): new_token() for path in paths}
    if missing:
        tokens[MISSING_KEY] = new_token()
    if breaker.allow(writes=True):
        try:
            page_cache().set_many(tokens, None)
        except Exception as error:
            breaker.failed(error, writes=True)
    _purge_frontend(paths)
    warm_later(_absolute_urls(paths))


def _new_generation():
    """Every page stored so far is stale from now on."""
    LOCAL_COPIES.clear()
    page_cache().set(GENERATION_KEY, new_token(), None)


def purge_everything():
    """Purge every page: the helpline, site links or navigation changed."""
    LOCAL_COPIES.clear()
    if breaker.allow(writes=True):
        try:
            _new_generation()
        except Exception as error:
            breaker.failed(error, writes=True)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        pages = Page.objects.live().public().specific()
        _purge_frontend([path for path in map(page_path, pages) if path])
    if settings.PAGE_CACHE_WARM and settings.PAGE_CACHE_ENABLED:
        warm_later(public_page_urls())


# A purge lost while the cache was away may have been any purge: every page may be stale.
breaker.on_recovery(_new_generation)
