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
