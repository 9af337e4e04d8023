"""Production: refuses to start without a real SECRET_KEY or a shared cache (REDIS_URL); HTTPS
behind a TLS-terminating proxy."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env_bool

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production (at least 50 characters, "
        "not a development key). Generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

# One cache for every process on every host: the site chrome's version (the helpline on every
# page), the page cache's purges and the budgets. Without it each gunicorn worker keeps its own,
# and one that missed a change goes on showing the old helpline (docs/deployment.md).
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production, e.g. redis://redis:6379/0: every worker and every "
        "host must share one cache, or a worker can go on showing an old helpline number "
        "(docs/deployment.md)."
    )

DEBUG = False
# The proxy in front terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Two-factor sign-in is always required here, whatever ADMIN_2FA_REQUIRED says.
ADMIN_2FA_REQUIRED = True
# The sign-in lockout reads visitors' addresses from the proxy's X-Forwarded-For entry.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
