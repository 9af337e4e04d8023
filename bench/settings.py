"""Benchmarks and the scale check: the production settings, served over plain HTTP on localhost,
plus a trivial view (bench/urls.py) as the ceiling. Never used in production."""

from protecting_babies.settings.production import *  # noqa: F403
from protecting_babies.settings.production import STORAGES

# Plain HTTP on localhost: no HTTPS redirect, cookies usable without TLS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "bench.urls"
# Static files from the checkout, so no collectstatic is needed before a run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# The ceiling view goes through every middleware but never the page cache.
PAGE_CACHE_EXCLUDED_PATHS = ["/bench/"]
# Production requires a second factor in the admin; the scripted admin sessions of the scale
# check sign in with a password only. Never do this outside this bench-only module.
ADMIN_2FA_REQUIRED = False
