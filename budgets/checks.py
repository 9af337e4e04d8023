"""System checks for the budgets' places among the middleware."""

from django.conf import settings
from django.core.checks import Error, register

BUDGET = "budgets.middleware.BudgetMiddleware"
# The budgets' 429 must carry the headers these add, as a page does.
BUDGET_FOLLOWS = (
    "django.middleware.security.SecurityMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
)
SIGNED_IN_BUDGET = "budgets.middleware.SignedInBudgetMiddleware"
AUTHENTICATION = "django.contrib.auth.middleware.AuthenticationMiddleware"


@register()
def check_render_budget_comes_after_the_security_headers(app_configs, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if BUDGET not in middleware:
        return [
            Error(
                f"{BUDGET} is not in MIDDLEWARE: a visitor could make the site render "
                "and search without limit.",
                id="budgets.E001",
            )
        ]
    position = middleware.index(BUDGET)
    return [
        Error(
            f"{BUDGET} comes before {name}.",
            hint="Put the budgets after the security headers' middleware, so its 429 "
            "page carries them.",
            id="budgets.E002",
        )
        for name in BUDGET_FOLLOWS
        if name in middleware and middleware.index(name) > position
    ]


@register()
def check_signed_in_budget_comes_after_authentication(app_configs, **kwargs):
    """Requests with credentials are counted once it is known whose they are: without this
    middleware (or before authentication) a made-up session cookie would skip every budget."""
    middleware = list(settings.MIDDLEWARE)
    if BUDGET not in middleware:
        return []  # budgets.E001 says so
    if SIGNED_IN_BUDGET not in middleware or (
        AUTHENTICATION in middleware
        and middleware.index(SIGNED_IN_BUDGET) < middleware.index(AUTHENTICATION)
    ):
        return [
            Error(
                f"{SIGNED_IN_BUDGET} is not in MIDDLEWARE after {AUTHENTICATION}.",
                hint="Put it after the authentication and second-factor middleware, or a "
                "request with a made-up session cookie renders pages without limit.",
                id="budgets.E003",
            )
        ]
    return []
