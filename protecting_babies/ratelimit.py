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


def spend(request, group, rate):
    """Count one unit of the client's budget for `group` ("30/10m"): the seconds to wait when
    it is spent, else None (also when the cache cannot count)."""
    usage = get_usage(request, group=group, key=client_key, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, math.ceil(usage["time_left"]))


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
