"""System checks for the page cache's and the budgets' places among the middleware, and (with
--deploy) for caches that every process shares."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PAGE_CACHE = "caching.middleware.PageCacheMiddleware"
BUDGET = "caching.middleware.BudgetMiddleware"
# The budgets' 429 must carry the headers these add, as a page does.
BUDGET_FOLLOWS = (
    "django.middleware.security.SecurityMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
)
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


@register()
def check_render_budget_comes_after_the_security_headers(app_configs, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if BUDGET not in middleware:
        return [
            Error(
                f"{BUDGET} is not in MIDDLEWARE: a visitor could make the site render "
                "and search without limit.",
                id="caching.E003",
            )
        ]
    position = middleware.index(BUDGET)
    return [
        Error(
            f"{BUDGET} comes before {name}.",
            hint="Put the budgets after the security headers' middleware, so its 429 "
            "page carries them.",
            id="caching.E004",
        )
        for name in BUDGET_FOLLOWS
        if name in middleware and middleware.index(name) > position
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


SIGNED_IN_BUDGET = "caching.middleware.SignedInBudgetMiddleware"
AUTHENTICATION = "django.contrib.auth.middleware.AuthenticationMiddleware"


@register()
def check_signed_in_budget_comes_after_authentication(app_configs, **kwargs):
    """Requests with credentials are counted once it is known whose they are: without this
    middleware (or before authentication) a made-up session cookie would skip every budget."""
    middleware = list(settings.MIDDLEWARE)
    if BUDGET not in middleware:
        return []  # caching.E003 says so
    if SIGNED_IN_BUDGET not in middleware or (
        AUTHENTICATION in middleware
        and middleware.index(SIGNED_IN_BUDGET) < middleware.index(AUTHENTICATION)
    ):
        return [
            Error(
                f"{SIGNED_IN_BUDGET} is not in MIDDLEWARE after {AUTHENTICATION}.",
                hint="Put it after the authentication and second-factor middleware, or a "
                "request with a made-up session cookie renders pages without limit.",
                id="caching.E006",
            )
        ]
    return []
