"""Caches: Redis shared by every instance when REDIS_URL is set, this host's memory and files
otherwise; the page cache's lifetimes; a CDN in front (docs/performance.md, deployment.md)."""

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
    """Without Redis: memory for `default`; files for the pages, so every gunicorn worker on this
    host sees the same purges. One folder per database, so no database's pages show for another."""
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
# Seconds a page is kept by the app; publishing purges it at once, so this only bounds the rare
# case of a purge lost during a cache outage.
PAGE_CACHE_TTL = env_int("CACHE_TTL", 600)
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
