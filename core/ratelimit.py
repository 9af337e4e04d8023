"""Budgets per client for work that costs the server: django-ratelimit counting on the default
cache (Redis in production, so every instance counts together), keyed by the visitor's address
as the trusted proxy gives it (an IPv6 address by its /64). A cache outage turns budgets off
(RATELIMIT_FAIL_OPEN), never the site. Over budget, a fast, friendly 429 page with the helpline
and Retry-After.

Counts are django-ratelimit's own (its keys, its windows), but several budgets are counted in one
round trip to Redis (a Lua script: `count()`), so a render that spends two budgets waits on Redis
once, not once per budget and step."""

import logging
import math
import threading
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django_ratelimit import ALL
from django_ratelimit.core import EXPIRATION_FUDGE, _get_window, _make_cache_key, _split_rate
from django_redis.cache import RedisCache
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


class Budget:
    """One budget of one client: `group` at `rate` ("30/10m"), keyed by the client's address
    unless `key` names another (a username, a session); `amount` is what this request does to it:
    1 counts one, 0 only looks, -1 gives one back (counted earlier, then found not to belong)."""

    def __init__(self, request, group, rate, key=None, amount=1):
        self.group, self.rate, self.amount = group, rate, amount
        self.value = key if key is not None else client_key(group, request)
        self.limit, self.period = _split_rate(rate)
        self.window = _get_window(self.value, self.period)
        # django-ratelimit's own key: the same count as its get_usage() and decorators.
        self.cache_key = _make_cache_key(group, self.window, rate, self.value, ALL)
        self.entry = (group, rate, self.value)


# Each budget's count after this request (KEYS: the budgets' keys; ARGV: for each, the amount
# and the seconds its window is kept), in one call: one round trip, whatever the budgets.
COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local amount = tonumber(ARGV[2 * i - 1])
  local ttl = tonumber(ARGV[2 * i])
  if amount > 0 then
    redis.call('SET', key, 0, 'EX', ttl, 'NX')
    counts[i] = redis.call('INCRBY', key, amount)
  elseif amount < 0 then
    counts[i] = redis.call('DECRBY', key, -amount)
    redis.call('EXPIRE', key, ttl)
  else
    counts[i] = tonumber(redis.call('GET', key) or '0')
  end
end
return counts
"""


def _counts_on_redis(store, budgets):
    """Every budget's count after this request, in one script (one round trip; refused at once
    by the cache's circuit breaker while Redis is away, as any other call)."""
    keys = [store.client.make_key(budget.cache_key) for budget in budgets]
    args = []
    for budget in budgets:
        args += [budget.amount, budget.period + EXPIRATION_FUDGE]
    client = store.client.get_client(write=True)
    return client.eval(COUNT_SCRIPT, len(keys), *keys, *args)


def _counts_elsewhere(store, budgets):
    """The same with any other cache (the tests' and development's memory): a call each."""
    counts = []
    for budget in budgets:
        ttl = budget.period + EXPIRATION_FUDGE
        if budget.amount > 0:
            if store.add(budget.cache_key, budget.amount, ttl):
                counts.append(budget.amount)
                continue
            try:
                counts.append(store.incr(budget.cache_key, budget.amount))
            except ValueError:  # gone with its window meanwhile: not counted (fail open)
                counts.append(None)
        elif budget.amount < 0:
            try:
                counts.append(store.decr(budget.cache_key, -budget.amount))
            except ValueError:  # gone with its window
                counts.append(None)
        else:
            counts.append(store.get(budget.cache_key, 0))
    return counts


def count(budgets):
    """Count (or look at, or give back to) each budget, all in one round trip on Redis: for each,
    the seconds the client must wait when it is spent (counting: this one went over; looking:
    nothing of it is left), else None. A budget this process refused lately is refused again
    without asking (a flood costs Redis nothing more): then the others are not counted either,
    since the request is refused anyway (what is given back still is). When the cache cannot
    count, None (fail open)."""
    known = [REFUSALS.wait(budget.entry) if budget.amount >= 0 else None for budget in budgets]
    refused = any(wait is not None for wait in known)
    asked = [budget for budget in budgets if budget.amount < 0] if refused else budgets
    if not asked or not getattr(settings, "RATELIMIT_ENABLE", True):
        return known
    store = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    try:
        if isinstance(store, RedisCache):
            counts = _counts_on_redis(store, asked)
        else:
            counts = _counts_elsewhere(store, asked)
    except Exception:
        if getattr(settings, "RATELIMIT_FAIL_OPEN", False):
            return known
        raise
    if refused:
        return known
    return [_wait(budget, number) for budget, number in zip(budgets, counts, strict=True)]


def _wait(budget, number):
    if number is None or budget.amount < 0:
        return None
    over = number > budget.limit if budget.amount else number >= budget.limit
    if budget.amount and number == budget.limit + 1:
        # Once per client and window, not once per refusal: a flood would fill the log.
        logger.warning("Budget %r (%s) spent: refusing with 429", budget.group, budget.rate)
    if not over:
        return None
    # The window still counts during its last whole second (django-ratelimit compares whole
    # seconds), so it is over one second after its end.
    wait = max(1, math.ceil(budget.window - int(time.time())) + 1)
    REFUSALS.add(budget.entry, wait)
    return wait


def spend(request, group, rate, key=None):
    """Count one unit of a budget for `group` ("30/10m"), the client's own unless `key` names
    another (a username, a session): the seconds to wait when it is spent, else None (also when
    the cache cannot count)."""
    return count([Budget(request, group, rate, key)])[0]


def spent(request, group, rate, key=None):
    """Whether that budget is spent already, without counting: the seconds to wait, or None."""
    return count([Budget(request, group, rate, key, amount=0)])[0]


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
