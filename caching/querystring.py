"""Query strings as the page cache and the pages see them: only the parameters a page reads,
with values it would act on, in one canonical order.

Each page type declares what it reads (`BasePage.query_parameters()`: the library its filters
and `page`; most pages nothing) and every page takes PAGE_QUERY_PARAMETERS (the feedback box's
`feedback=thanks`). The site chrome keeps those rules per path (sitechrome/chrome.py), so the
middleware knows them before routing. Anything else (campaign and click-tracking parameters,
junk such as `?x=<random>`, an unknown audience, a repeated value) is dropped before the cache
key is made and before the page sees it: `?x=random` is the page without it, a cache hit.
"""

from urllib.parse import parse_qsl, urlencode

from django.conf import settings

from core.models import PAGE_NUMBER

# A request line may hold hundreds of pairs; no page reads more than a few dozen.
MAX_PAIRS = 64
# Page numbers beyond this are never a real library page (20 a page: 2,000 resources).
MAX_PAGE_NUMBER = 100


def page_number(value):
    """The canonical form of a page number ("007" is "7"), or None for anything else."""
    if not value.isdigit():
        return None
    number = int(value)
    return str(number) if 1 <= number <= MAX_PAGE_NUMBER else None


def global_rules():
    return {name: frozenset(values) for name, values in settings.PAGE_QUERY_PARAMETERS.items()}


def normalise(query_string, rules):
    """The query string with only what `rules` ({name: allowed}) lets through, each pair once,
    sorted: the one form every equivalent request shares."""
    if not query_string:
        return ""
    kept = set()
    for name, raw in parse_qsl(query_string, keep_blank_values=False)[:MAX_PAIRS]:
        allowed = rules.get(name)
        if allowed is None:
            continue
        value = raw.strip()
        if allowed == PAGE_NUMBER:
            value = page_number(value)
        elif value not in allowed:
            value = None
        if value is not None:
            kept.add((name, value))
    return urlencode(sorted(kept))
