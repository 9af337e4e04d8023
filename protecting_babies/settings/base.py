"""Settings shared by every environment. Everything that differs comes from the environment.

Security, caching and storage each have a module of their own, gathered in here."""

import os

import dj_database_url

from .caching import *  # noqa: F403
from .caching import REDIS_URL, local_caches, redis_caches
from .env import BASE_DIR, env_bool, env_int, env_list
from .public_address import site_url_from
from .security import *  # noqa: F403
from .storage import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
# The site's public address, e.g. https://protectingbabies.example.org: the release sets the
# default Wagtail Site to it (`manage.py set_site_url`), so printed QR codes, canonical links and
# the sitemap carry it; the admin's emails link to it, and its host is allowed.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
_public_address = site_url_from(SITE_URL)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if _public_address:
    ALLOWED_HOSTS = list(dict.fromkeys([*ALLOWED_HOSTS, _public_address.hostname]))
    CSRF_TRUSTED_ORIGINS = list(dict.fromkeys([*CSRF_TRUSTED_ORIGINS, _public_address.root_url]))

INSTALLED_APPS = [
    # The apps of ours, layer by layer from the bottom (docs/architecture.md).
    "core",
    "images",
    "helpline",
    "caching",
    "strategy",
    "resources",
    "parents",
    "sitechrome",
    "budgets",
    "feedback",
    "editorial",
    "accounts",
    "search",
    "launch",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Security: sign-in lockout, one-time passwords (TOTP + recovery codes), the CSP header.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /healthz and /readyz answer before host checks, HTTPS redirects, sessions and caches.
    "protecting_babies.health.HealthCheckMiddleware",
    # Anonymous page cache, outermost after the health checks: a hit replays the headers every
    # middleware below added (security, CSP, Permissions-Policy) without running any of them,
    # and costs no database query (docs/performance.md). A system check keeps it here.
    "caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (strict on public pages, laxer in /admin/) and Permissions-Policy.
    "core.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A page the cache could not answer, or a search, costs the visitor's budget: over it, a
    # fast 429 carrying the headers above, before sessions and the rest (docs/performance.md).
    "budgets.middleware.BudgetMiddleware",
    # Serves hashed, compressed static files with far-future caching, without a separate server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database outage answers the branded 503 page instead of an error.
    "protecting_babies.faults.DatabaseUnavailableMiddleware",
    # A page request takes its site from the cached site chrome: no site query when routing.
    "sitechrome.middleware.SiteChromeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(); then only both factors count as signed in, everywhere.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    # A page render with a session cookie or an Authorization header, counted now that it is
    # known whose it is: a person signed in has a budget of their own (budgets/middleware.py).
    "budgets.middleware.SignedInBudgetMiddleware",
    # Page and document passwords, password resets and sign-in per username have budgets.
    "accounts.middleware.PasswordBudgetMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "protecting_babies.urls"
WSGI_APPLICATION = "protecting_babies.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file by default so a newcomer needs no server; PostgreSQL whenever DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Redis when REDIS_URL is set (shared by every process; production requires it); this process's
# memory and this host's files otherwise (development, tests).
CACHES = redis_caches(REDIS_URL) if REDIS_URL else local_caches(DATABASES["default"]["NAME"])

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# Dates are read day/month/year in every English, whatever language an admin user picks
# (protecting_babies/formats/); and the admin offers British English only.
FORMAT_MODULE_PATH = ["protecting_babies.formats"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en-gb", "British English")]
USE_I18N = True
USE_TZ = True

# Email: console in development; SMTP in production from EMAIL_* variables.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Protecting Babies <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Query-string parameters every page takes, with their values (page types declare their own:
# BasePage.query_parameters()); anything else is dropped before the page cache and the page.
PAGE_QUERY_PARAMETERS = {"feedback": ["thanks"]}
# Visitors' page feedback is deleted after this many days (delete_old_feedback, run daily).
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 365)
# Feedback posts per address (django-ratelimit's "count/period"): a person answers about a
# handful of pages; a whole office behind one address stays well under this.
FEEDBACK_RATE = os.environ.get("FEEDBACK_RATE", "30/10m")

WAGTAIL_SITE_NAME = "Protecting Babies"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or (
    _public_address.root_url if _public_address else "http://127.0.0.1:8000"
)
# PostgreSQL full-text search with English stemming ("crying" finds "cry"); SQLite FTS5 locally.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "english",
        # Typo tolerance (PostgreSQL, pg_trgm): how close a misspelt word must be, 0 to 1.
        "FUZZY_SIMILARITY_THRESHOLD": 0.35,
    }
}
# What the core's "Chosen resources" body block chooses from: the library's resources.
LIBRARY_RESOURCE_MODEL = "resources.Resource"
# Our image model: alt text is required unless an image is marked decorative.
WAGTAILIMAGES_IMAGE_MODEL = "images.SiteImage"
# Moving or re-slugging a page leaves a redirect from its old address.
WAGTAILREDIRECTS_AUTO_CREATE = True
# No autosave: every version is one an editor chose to save, and each such save restarts the
# lead's review (editorial/sign_off.py, which also refuses an edit form asking to overwrite a
# version in place while this is 0). The browser still warns before leaving unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# An approval publishes the version the lead approved, not whatever is latest by then.
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflow_finish.publish_approved_revision"
# A change messages say "approved and published", "changes requested", "sent for sign-off"
# (editorial/messages.py).
MESSAGE_STORAGE = "editorial.messages.SignOffMessageStorage"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# One line of JSON per log record on stdout, for the log platform.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "protecting_babies.logging.JSONFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.server": {"level": "INFO"},
        # Wagtail's background tasks run inline and would log two lines for every save.
        "django_tasks": {"level": "WARNING"},
    },
}
