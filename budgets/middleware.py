"""What a visitor may cost the server: every page the cache did not answer, every 404 and
every search spends a budget of the visitor's address (core/ratelimit.py); over one, the 429
page, before anything is rendered or searched. A person signed in spends a budget of their own.
"""

from functools import cache

from django.conf import settings
from django.urls import reverse

from caching.middleware import has_credentials
from caching.warm import is_warming
from core.ratelimit import Budget, count, spend, too_many_requests
from sitechrome.chrome import recent_chrome

TOO_MANY = "This website has had a lot of requests from your connection in a short time."
TOO_MANY_SEARCHES = "This website has had a lot of searches from your connection in a short time."


@cache
def _search_path():
    return reverse("search")


class BudgetMiddleware:
    """What costs the server costs the visitor's budget (core/ratelimit.py): every
    page the cache did not answer (the page cache marks it: `request.page_cache_miss`), and
    every search. Over a budget, the 429 page, before
    anything is rendered or searched. Placed after the security headers' middleware, so the
    refusal carries them, and before sessions and the rest, so a flood refused costs little;
    cache hits never get here. A request with credentials is counted after sign-in instead
    (SignedInBudgetMiddleware): a real session has a budget of its own, made-up credentials
    pay the address's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_warming(request):
            return self.get_response(request)  # the site's own render, after a purge
        if getattr(request, "page_cache_miss", False):
            if has_credentials(request):
                request.budget_after_sign_in = True
                return self.get_response(request)
            return render_within_budgets(request, self.get_response)
        if request.path_info == _search_path() and request.GET.get("q", "").strip():
            wait = spend(request, "search", settings.SEARCH_RATE)
            if wait is not None:
                return refuse(request, wait, TOO_MANY_SEARCHES)
        return self.get_response(request)


class SignedInBudgetMiddleware:
    """The renders of a request with credentials, once authentication has said whose they
    are: a person signed in (with both factors) spends a larger budget of their own, keyed by
    who they are; anything else (a made-up cookie, an Authorization header, a session with
    only a page password) spends the address's budgets like any visitor. Placed after the
    second-factor middleware, so a password alone counts as a visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(request, "budget_after_sign_in", False):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return render_within_budgets(request, self.get_response)
        wait = spend(request, "signed-in-render", settings.SIGNED_IN_RENDER_RATE, key=str(user.pk))
        if wait is not None:
            return refuse(request, wait, TOO_MANY)
        return self.get_response(request)


def render_within_budgets(request, get_response):
    """Render a page the cache did not answer, within the address's budgets: every render under
    a ceiling (RENDER_CEILING_RATE), pages under PAGE_RENDER_RATE and missing pages under
    NOT_FOUND_RATE. Missing pages are counted apart, so one machine asking for hundreds of them
    has its own refused (a 429 for each 404 past the budget) while the people sharing its address
    still get real pages; the ceiling is what bounds the work any one address can cause, whatever
    it asks for. The ceiling and the pages' budget are counted together before the render, in
    one round trip to Redis (core/ratelimit.py's count()); a render that turns out to be a 404
    gives its page back and is counted as missing instead (a second round trip, for 404s only).
    """
    page_render = Budget(request, "page-render", settings.PAGE_RENDER_RATE)
    waits = count([Budget(request, "render", settings.RENDER_CEILING_RATE), page_render])
    wait = next((wait for wait in waits if wait is not None), None)
    if wait is not None:
        return refuse(request, wait, TOO_MANY)
    response = get_response(request)
    if response.status_code != 404:
        return response
    page_render.amount = -1
    _, wait = count([page_render, Budget(request, "not-found", settings.NOT_FOUND_RATE)])
    if wait is not None:
        return refuse(request, wait, TOO_MANY)
    return response


def refuse(request, wait, message):
    """The 429 page, with the helpline from this process's copy of the chrome (no query)."""
    recent = recent_chrome(request)
    return too_many_requests(request, wait, message, helpline=recent and recent["helpline"])
