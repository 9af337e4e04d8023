"""Budgets per client for work that costs the server: django-ratelimit counting on the default
cache (Redis in production, so every instance counts together), keyed by the visitor's address
as the trusted proxy gives it (an IPv6 address by its /64). A cache outage turns budgets off
(RATELIMIT_FAIL_OPEN), never the site. Over budget, a fast, friendly 429 page with the helpline
and Retry-After."""

import logging
import math
import threading
import time
from functools import lru_cache

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import get_usage
from wagtail import hooks

from core.http import client_network

logger = logging.getLogger(__name__)
# The Wagtail hook that gives the 429 page its helpline for a request (the helpline app answers
# it: helpline/wagtail_hooks.py), so the core names nothing of the app above it.
HELPLINE_HOOK = "helpline_for_request"
# What the 429 page shows of the helpline (templates/429.html).
HELPLINE_FIELDS = (
    "heading",
    "phone_href",
    "phone_display",
    "text_number",
    "text_href",
    "text_display",
)


def client_key(group, request):
    """django-ratelimit's key: the visitor's address (behind TRUSTED_PROXY_COUNT proxies), an
    IPv6 address by its /64."""
    return client_network(request) or "unknown"


class Refusals:
    """The clients this process has refused lately, and until when: while one is refused, it is
    refused again without asking the cache (a flood costs Redis nothing more)."""

    MAX_ENTRIES = 10_000

    def __init__(self):
        self._until = {}
        self._lock = threading.Lock()

    def wait(self, entry):
        with self._lock:
            until = self._until.get(entry)
        if until is None:
            return None
        left = until - time.monotonic()
        return max(1, math.ceil(left)) if left > 0 else None

    def add(self, entry, seconds):
        with self._lock:
            if len(self._until) >= self.MAX_ENTRIES:
                self._until.clear()
            self._until[entry] = time.monotonic() + seconds

    def clear(self):
        with self._lock:
            self._until.clear()


REFUSALS = Refusals()


def _wait(request, group, rate, key, increment):
    entry = (group, rate, key if key is not None else client_key(group, request))
    known = REFUSALS.wait(entry)
    if known is not None:
        return known
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
    if increment and usage["count"] == usage["limit"] + 1:
        # Once per client and window, not once per refusal: a flood would fill the log.
        logger.warning("Budget %r (%s) spent: refusing with 429", group, rate)
    if not over:
        return None
    # The window still counts during its last whole second (django-ratelimit compares whole
    # seconds), so it is over one second after time_left.
    wait = max(1, math.ceil(usage["time_left"]) + 1)
    REFUSALS.add(entry, wait)
    return wait


def spend(request, group, rate, key=None):
    """Count one unit of a budget for `group` ("30/10m"), the client's own unless `key` names
    another (a username, a session): the seconds to wait when it is spent, else None (also when
    the cache cannot count)."""
    return _wait(request, group, rate, key, increment=True)


def spent(request, group, rate, key=None):
    """Whether that budget is spent already, without counting: the seconds to wait, or None."""
    return _wait(request, group, rate, key, increment=False)


def _helpline(request):
    for helpline_for in hooks.get_hooks(HELPLINE_HOOK):
        try:
            return helpline_for(request)
        except DatabaseError:  # the 429 page needs no database; the helpline is a kindness
            return None
    return None


def too_many_requests(request, retry_after, message="", as_json=False, helpline=None):
    """The 429 answer: a standalone page (or JSON for the page's script), never cached. The
    helpline from the database unless given (the page cache gives it from the cached chrome, so
    a flood refused costs no query). Django's own log line for each 429 is left out: a flood
    is logged once, when its budget is spent (_wait())."""
    if as_json:
        response = JsonResponse({"status": "too-many", "message": message}, status=429)
    else:
        helpline = helpline or _helpline(request)
        shown = tuple(getattr(helpline, name) for name in HELPLINE_FIELDS) if helpline else None
        minutes = max(1, round(retry_after / 60))
        response = HttpResponse(_page(message, minutes, shown), status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    response._has_been_logged = True  # noqa: SLF001 - Django's own flag for log_response()
    return response


@lru_cache(maxsize=64)
def _page(message, minutes, helpline):
    """The 429 page, rendered once for each message, wait and helpline (a flood asks for the
    same few thousands of times a second)."""
    context = {
        "message": message,
        "minutes": minutes,
        "helpline": dict(zip(HELPLINE_FIELDS, helpline, strict=True)) if helpline else None,
    }
    return loader.get_template("429.html").render(context)
