"""Security settings: passwords, the sign-in lockout, two-factor sign-in, sessions, the
security headers (CSP, Permissions-Policy, referrer, framing) and upload limits
(docs/security.md)."""

import os
from datetime import timedelta

from .env import env_bool, env_int, env_list

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a check: told of every password change, it forgets unconfirmed authenticators.
    {"NAME": "accounts.validators.ForgetUnconfirmedDevicesOnPasswordChange"},
]

# django-axes: 5 failed sign-ins lock that username from that address for 30 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# No start-up banner on every process; failures and lockouts are still logged.
AXES_VERBOSE = False
# Proxies in front of the app: the lockout then reads the visitor's address from the
# X-Forwarded-For entry the nearest proxy added, which the visitor cannot forge; an IPv6
# address counts by its /64, as in the budgets.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.http.client_network"
# Budgets per client (core/ratelimit.py): counted in the default cache, so every
# instance counts together; if the cache cannot count, nobody is limited.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True
# Two-factor sign-in (TOTP + recovery codes) for every admin user; off only by this variable.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Protecting Babies"
# django-otp's own delays grow with every wrong code (days after a few dozen): someone with a
# stolen password could lock the owner out. Off: accounts/two_factor.py throttles for minutes.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Where a front-end sign-in without a `next` goes (Django's default, /accounts/profile/, is not
# a page here).
LOGIN_REDIRECT_URL = "/"
# /_util/login/, for pages restricted to signed-in users: those are for the team's admin
# accounts only, and the page says so (accounts/middleware.py refuses any other account).
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "accounts/front_end_login.html"
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
# A form posted without its token gets the site's own page.
CSRF_FAILURE_VIEW = "protecting_babies.views.csrf_failure"
VIDEO_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def media_origins():
    """Where pages' images come from when media is on S3 (AWS_* variables), for img-src: the
    public bucket (or its CDN). The private bucket is never an image source."""
    if origins := env_list("CSP_MEDIA_ORIGINS"):
        return origins
    if domain := os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return [f"https://{domain}"]
    if endpoint := os.environ.get("AWS_S3_ENDPOINT_URL"):
        return ["/".join(endpoint.split("/")[:3])]
    if bucket := os.environ.get("AWS_PUBLIC_BUCKET_NAME"):
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
WAGTAILIMAGES_IMAGE_FORM_BASE = "images.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "images.uploads.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# The document types editors may upload (each has a content check: images.E001).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
