"""Settings shared by every environment. Everything that differs comes from the environment."""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "protecting_babies",
    "strategy",
    "resources",
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
    # and costs no database query (docs/performance.md).
    "protecting_babies.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (strict on public pages, laxer in /admin/) and Permissions-Policy.
    "protecting_babies.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Serves hashed, compressed static files with far-future caching, without a separate server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database outage answers the branded 503 page instead of an error.
    "protecting_babies.faults.DatabaseUnavailableMiddleware",
    # A page request takes its site from the cached site chrome: no site query when routing.
    "protecting_babies.chrome.SiteChromeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(); then the admin is refused until the second factor is given.
    "django_otp.middleware.OTPMiddleware",
    "protecting_babies.security.AdminTwoFactorMiddleware",
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
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (shared by every instance); this process's memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The default cache on Redis: an outage must not take the site down, so an error is a cache
# miss, and after one this process stops asking for a while (protecting_babies/redis_breaker.py).
DEFAULT_CACHE_REDIS_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "REDIS_CLIENT_CLASS": "protecting_babies.redis_breaker.CircuitBreakerRedis",
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": DEFAULT_CACHE_REDIS_OPTIONS,
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    # The page cache sees Redis errors itself, so it can stop asking for a while (cache.py).
    CACHES["pages"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": False,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Files, not memory: every gunicorn worker on this machine must see the same purges.
        # One folder per database, so pages of one database are never served for another.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "PAGE_CACHE_DIR",
                os.path.join(
                    tempfile.gettempdir(),
                    "protecting-babies-pages-"
                    + hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()[:12],
                ),
            ),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
# Anonymous page cache (protecting_babies/cache.py, docs/performance.md).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
# Seconds a page is kept by the app; publishing purges it at once, so this only bounds the rare
# case of a purge lost during a cache outage.
PAGE_CACHE_TTL = int(os.environ.get("CACHE_TTL", "600"))
# Cache-Control: how long a CDN (s-maxage) and a browser (max-age) may keep a public page.
PAGE_CACHE_CDN_TTL = int(os.environ.get("CACHE_CDN_TTL", "300"))
PAGE_CACHE_BROWSER_TTL = int(os.environ.get("CACHE_BROWSER_TTL", "60"))
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Security (docs/security.md) ---
# django-axes: 5 failed sign-ins lock that username from that address for 30 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "protecting_babies.security.lockout_response"
# No start-up banner on every process; failures and lockouts are still logged.
AXES_VERBOSE = False
# Proxies in front of the app: the lockout then reads the visitor's address from the
# X-Forwarded-For entry the nearest proxy added, which the visitor cannot forge.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "protecting_babies.security.client_ip_address"
# Two-factor sign-in (TOTP + recovery codes) for every admin user; off only by this variable.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Protecting Babies"
# The admin makes no third-party requests: no Gravatar images, no Wagtail release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Admin sessions end after an hour without a request, and when the browser closes.
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
VIDEO_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def media_origins():
    """Where uploaded images come from when media is on S3 (AWS_* variables), for img-src."""
    if origins := env_list("CSP_MEDIA_ORIGINS"):
        return origins
    if domain := os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return [f"https://{domain}"]
    if endpoint := os.environ.get("AWS_S3_ENDPOINT_URL"):
        return ["/".join(endpoint.split("/")[:3])]
    if bucket := os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        region = os.environ.get("AWS_S3_REGION_NAME")
        return [
            f"https://{bucket}.s3.{region}.amazonaws.com"
            if region
            else f"https://{bucket}.s3.amazonaws.com"
        ]
    return []


# Public pages: only this site's own files; video players only after a click-to-load.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *media_origins()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": VIDEO_ORIGINS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin uses inline scripts and styles, and frames its own previews.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *media_origins()],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", *VIDEO_ORIGINS],
        "frame-ancestors": ["'self'"],
    }
}
# Browser features nobody on this site needs are off; the video players may autoplay.
# (Only names Chromium knows: an unknown one puts a warning in every page's console.)
PERMISSIONS_POLICY = {
    **dict.fromkeys(
        [
            "accelerometer",
            "browsing-topics",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "interest-cohort",
            "local-fonts",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "serial",
            "usb",
            "xr-spatial-tracking",
        ],
        [],
    ),
    **dict.fromkeys(
        ["autoplay", "encrypted-media", "fullscreen", "picture-in-picture"],
        ["self", *VIDEO_ORIGINS],
    ),
}
# Uploads: checked by size, real type and pixel count; documents always download.
# 50 megapixels: a 48 MP phone photo fits; a "decompression bomb" is refused from its header.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "protecting_babies.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "protecting_babies.uploads.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage when a bucket is set, so every instance serves the same
# images and documents. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    # Plain URLs (the bucket or its CDN serves media publicly); signed ones expire inside cached
    # pages. Documents are streamed through the site (WAGTAILDOCS_SERVE_METHOD) either way.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_ADDRESSING_STYLE = "path" if AWS_S3_ENDPOINT_URL else None

# Email: console in development; SMTP in production from EMAIL_* variables.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Protecting Babies <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Protecting Babies"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# PostgreSQL full-text search with English stemming ("crying" finds "cry"); SQLite FTS5 locally.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "english",
        # Typo tolerance (PostgreSQL, pg_trgm): how close a misspelt word must be, 0 to 1.
        "FUZZY_SIMILARITY_THRESHOLD": 0.35,
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Our image model: alt text is required unless an image is marked decorative.
WAGTAILIMAGES_IMAGE_MODEL = "protecting_babies.SiteImage"
# Moving or re-slugging a page leaves a redirect from its old address.
WAGTAILREDIRECTS_AUTO_CREATE = True
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
