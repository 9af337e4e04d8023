"""Tests: SQLite by default, PostgreSQL when DATABASE_URL is set; fast hashing; emails kept."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-test-only"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test starts with an empty cache; tests of the Redis cache configure it themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache would carry pages from one test into the next; its own tests switch it on.
PAGE_CACHE_ENABLED = False
# Pages purged are not rendered again at once (caching/warm.py) but in the tests of warming: the
# other tests see what a visitor's first request after a purge renders.
PAGE_CACHE_WARM = False
# Nor are bodies and pages kept (caching/fragments.py) but with the page cache (its tests, the
# `cached_site` fixture, which run every purge with them) and in their own tests: other tests
# change content without the commit that purges.
PAGE_FRAGMENTS_ENABLED = False
# Tests run without the compiled asset manifest being required.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come straight from static/ (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# ModelBackend first so Wagtail's and Django's test login helpers work without a request;
# the lockout tests put django-axes' backend first themselves.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "axes.backends.AxesStandaloneBackend",
]
# Other tests sign in to the admin with one step; the two-factor tests switch it on.
ADMIN_2FA_REQUIRED = False
