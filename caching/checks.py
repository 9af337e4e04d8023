"""System checks for the page cache's place among the middleware."""

from django.conf import settings
from django.core.checks import Error, register

PAGE_CACHE = "caching.middleware.PageCacheMiddleware"
# The page cache must answer before these run: they would set cookies, or need the database.
MUST_FOLLOW = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
)


@register()
def check_page_cache_comes_before_sessions(app_configs, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if PAGE_CACHE not in middleware:
        return [
            Error(
                f"{PAGE_CACHE} is not in MIDDLEWARE: pages would not be cached.",
                id="caching.E001",
            )
        ]
    position = middleware.index(PAGE_CACHE)
    return [
        Error(
            f"{PAGE_CACHE} comes after {name}.",
            hint="Put the page cache before the session, CSRF and authentication middleware, "
            "so a cached page costs no query and sets no cookie.",
            id="caching.E002",
        )
        for name in MUST_FOLLOW
        if name in middleware and middleware.index(name) < position
    ]
