"""Budgets per client for work that costs the server: django-ratelimit counting on the default
cache (Redis in production, so every instance counts together), keyed by the visitor's address
as the trusted proxy gives it. A cache outage turns budgets off (RATELIMIT_FAIL_OPEN), never
the site. Over budget, a fast, friendly 429 page with the helpline and Retry-After."""

import math

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import get_usage

from protecting_babies.http import client_ip_address
from protecting_babies.models import HelplineSettings


def client_key(group, request):
    """django-ratelimit's key: the visitor's address (behind TRUSTED_PROXY_COUNT proxies)."""
    return client_ip_address(request) or "unknown"


def _wait(request, group, rate, key, increment):
    usage = get_usage(
        request,
        group=group,
        key=(lambda _group, _request: key) if key is not None else client_key,
        rate=rate,
        increment=increment,
    )
    if usage is None:
        return None
    # Counting: this one went over the budget. Only looking: nothing of it is left.
    over = usage["should_limit"] if increment else usage["count"] >= usage["limit"]
    return max(1, math.ceil(usage["time_left"])) if over else None


def spend(request, group, rate, key=None):
    """Count one unit of a budget for `group` ("30/10m"), the client's own unless `key` names
    another (a username, a session): the seconds to wait when it is spent, else None (also when
    the cache cannot count)."""
    return _wait(request, group, rate, key, increment=True)


def spent(request, group, rate, key=None):
    """Whether that budget is spent already, without counting: the seconds to wait, or None."""
    return _wait(request, group, rate, key, increment=False)


def _helpline(request):
    try:
        return HelplineSettings.for_request(request)
    except DatabaseError:  # the 429 page needs no database; the helpline is a kindness
        return None


def too_many_requests(request, retry_after, message="", as_json=False):
    """The 429 answer: a standalone page (or JSON for the page's script), never cached."""
    if as_json:
        response = JsonResponse({"status": "too-many", "message": message}, status=429)
    else:
        context = {"message": message, "minutes": max(1, round(retry_after / 60))}
        context["helpline"] = _helpline(request)
        response = HttpResponse(loader.get_template("429.html").render(context), status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response
