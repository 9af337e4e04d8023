"""Caches: Redis shared by every worker of every instance when REDIS_URL is set (production
requires it), this process's memory and this host's files otherwise (development, tests); the
page cache's lifetimes; a CDN in front (docs/performance.md, deployment.md)."""

import hashlib
import os
import tempfile

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int

REDIS_TIMEOUTS = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}


def redis_cache(location, ignore_exceptions):
    """One cache on Redis, through the circuit breaker the caches share (caching/breaker.py):
    after a failure the process leaves Redis alone for a while, so a hung Redis costs one
    timeout, not one per cache call."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": ignore_exceptions,
            "REDIS_CLIENT_CLASS": "caching.breaker.CircuitBreakerRedis",
            **REDIS_TIMEOUTS,
        },
    }


def redis_caches(location):
    """The caches on Redis: `default` (site chrome, Wagtail's caching) takes an error for a miss;
    `pages` lets the page cache see errors, which it also takes for misses (caching/cache.py)."""
    return {"default": redis_cache(location, True), "pages": redis_cache(location, False)}


def local_caches(database_name):
    """Without Redis (development and the tests; production refuses to start without it): this
    process's memory for `default`, files for the pages. One folder per database, so no
    database's pages show for another."""
    folder = "protecting-babies-pages-" + hashlib.sha256(str(database_name).encode()).hexdigest()
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "PAGE_CACHE_DIR", os.path.join(tempfile.gettempdir(), folder[:36])
            ),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }


REDIS_URL = os.environ.get("REDIS_URL", "")

# Anonymous page cache (caching/, docs/performance.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
# Each page kept apart too, but for its per-request parts, under the page cache's purge tokens,
# for the renders the page cache does not answer (caching/fragments.py): signed-in editors, new
# library filters, a page just purged. Off only to measure what it saves.
PAGE_FRAGMENTS_ENABLED = env_bool("PAGE_FRAGMENTS_ENABLED", default=True)
# How many of those each process keeps in its own memory too (the last used), about 20-60 KB
# each: used again while the request's tokens are those they were kept under.
PAGE_KEPT_LOCAL_ENTRIES = env_int("PAGE_KEPT_LOCAL_ENTRIES", 200)
# What a kept page leaves to each request, `{% per_request "name" %}`: name -> a function of
# the template context (and the tag's arguments) returning safe HTML.
PAGE_PER_REQUEST_PARTS = {
    # Wagtail's own tag function: the user bar for whoever asks (nothing for a visitor).
    "userbar": "wagtail.admin.templatetags.wagtailuserbar.wagtailuserbar",
    "feedback-rendered": "feedback.forms.rendered_part",
}
# What each page reads of the query string, beyond PAGE_QUERY_PARAMETERS: the site chrome keeps
# it per path (the library's filters), so the page cache knows it before routing.
PAGE_CACHE_QUERY_RULES = "sitechrome.chrome.query_rules_for"
# Pages purged by a publish are rendered again at once, in the process that purged, after its
# response (caching/warm.py), so the next visitor is served a stored page.
PAGE_CACHE_WARM = env_bool("PAGE_CACHE_WARM", default=True)
# Seconds a page is kept by the app; publishing purges it at once, so this only bounds the rare
# case of a purge lost during a cache outage.
PAGE_CACHE_TTL = env_int("CACHE_TTL", 600)
# A 404 or a redirect is kept for less time (publishing any page purges them at once), in
# each process's memory, up to this many of them (the latest used).
PAGE_CACHE_MISSING_TTL = env_int("CACHE_MISSING_TTL", 300)
PAGE_CACHE_MISSING_ENTRIES = env_int("CACHE_MISSING_ENTRIES", 500)
# Each process serves the entries it served last for this long without asking Redis again
# (so a publish reaches every instance within it), and keeps this many of them.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("CACHE_LOCAL_SECONDS", "1"))
PAGE_CACHE_LOCAL_ENTRIES = env_int("CACHE_LOCAL_ENTRIES", 256)
# Budgets per visitor address (an IPv6 one by its /64) for what costs the server ("count/period",
# django-ratelimit): a page rendered (a cache miss), a 404, a search, and a ceiling on every
# render of either kind. Cache hits are never counted. Sized so that a whole hospital or council
# office behind one address never meets them (docs/performance.md).
PAGE_RENDER_RATE = os.environ.get("PAGE_RENDER_RATE", "600/m")
NOT_FOUND_RATE = os.environ.get("NOT_FOUND_RATE", "120/m")
RENDER_CEILING_RATE = os.environ.get("RENDER_CEILING_RATE", "1200/m")
SEARCH_RATE = os.environ.get("SEARCH_RATE", "120/m")
# Renders for one person signed in (both factors), whatever their address: their own budget.
SIGNED_IN_RENDER_RATE = os.environ.get("SIGNED_IN_RENDER_RATE", "1200/m")
# Searches one process runs at once (the rest wait up to SEARCH_WAIT_SECONDS, then get "search
# is busy"), and how long one may run on PostgreSQL before it is stopped (search/results.py).
SEARCH_CONCURRENCY = env_int("SEARCH_CONCURRENCY", 2)
SEARCH_WAIT_SECONDS = float(os.environ.get("SEARCH_WAIT_SECONDS", "0.1"))
SEARCH_STATEMENT_TIMEOUT_MS = env_int("SEARCH_STATEMENT_TIMEOUT_MS", 2000)
# Cache-Control: how long a CDN (s-maxage) and a browser (max-age) may keep a public page.
PAGE_CACHE_CDN_TTL = env_int("CACHE_CDN_TTL", 300)
PAGE_CACHE_BROWSER_TTL = env_int("CACHE_BROWSER_TTL", 60)

# A CDN or proxy in front, purged by Wagtail's front-end cache invalidation when content changes.
FRONTEND_CACHE_BACKEND = os.environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
_FRONTEND_CACHE_BACKENDS = {
    "http": {  # Varnish, nginx or another proxy that accepts PURGE requests
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ.get("FRONTEND_CACHE_LOCATION", ""),
    },
    "cloudflare": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
    },
    "cloudfront": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
    },
}
if FRONTEND_CACHE_BACKEND:
    if FRONTEND_CACHE_BACKEND not in _FRONTEND_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_BACKEND must be one of {', '.join(_FRONTEND_CACHE_BACKENDS)}."
        )
    WAGTAILFRONTENDCACHE = {"default": _FRONTEND_CACHE_BACKENDS[FRONTEND_CACHE_BACKEND]}
