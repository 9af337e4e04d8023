"""System checks for the page cache's place among the middleware, and (with --deploy) for
caches that every process shares."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PAGE_CACHE = "caching.middleware.PageCacheMiddleware"
# Caches whose entries one process or one host keeps to itself: what one worker purges (a new
# helpline) or counts (a budget), the others never see.
NOT_SHARED = {
    "django.core.cache.backends.locmem.LocMemCache": "keeps its entries in each process",
    "django.core.cache.backends.filebased.FileBasedCache": "keeps its entries on one host's disk",
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing",
}
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


@register(Tags.caches, deploy=True)
def check_every_process_shares_the_caches(app_configs, **kwargs):
    """The site chrome's version, the page cache's purges and the budgets are shared by every
    worker on every host (the production settings refuse to start without REDIS_URL; this
    catches settings that set CACHES by other means)."""
    return [
        Error(
            f"The {alias!r} cache ({backend}) {NOT_SHARED[backend]}: a worker could go on "
            "showing an old helpline number after a change.",
            hint="Set REDIS_URL (docs/deployment.md), so that every process shares one cache.",
            id="caching.E005",
        )
        for alias, cache in settings.CACHES.items()
        if alias in ("default", "pages") and (backend := cache["BACKEND"]) in NOT_SHARED
    ]
