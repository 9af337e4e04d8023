"""Each page's body, rendered once and kept: `{% page_body %}…{% end_page_body %}` in
templates/base.html, around the page's `content` block. See docs/performance.md.

The page cache (caching/cache.py) keeps whole pages for anonymous visitors. What it cannot
answer (its first visit after a publish, a new combination of the library's filters, a
signed-in editor, the page cache switched off) is rendered, and the body is most of that work:
the page's own queries (listings, links in rich text, chosen pages) and most of its template.
So the body is kept too, under the same tokens as the page cache: the cache's generation and
the path's token, read in the same round trip as the body itself. Whatever purges a page
(caching/signals.py: a publish, a resource listed on it, the helpline, the menu...) purges its
body at the same moment, and a body rendered from old content is stored under old tokens and
never used, exactly as a page. The key also holds the page's id and live revision, the scheme,
host, path and (normalised) query string, the UK date (the helpline's dated notices) and the
release (caching/cache.py's release()).

Never kept: a preview (request.is_preview), a page without a live revision, and nothing at all
while the cache is away (the breaker is open) or PAGE_FRAGMENTS_ENABLED is off. The body may
not depend on who is asking (no CSRF token, nothing about the user): the site's page bodies
never do; what does (the user bar, the feedback box) is outside the `content` block.
"""

import logging

from django import template
from django.conf import settings

from caching import breaker
from caching.cache import digest, page_cache, request_identity, request_tokens
from core.dates import uk_today

logger = logging.getLogger(__name__)

FRAGMENT_KEY = "pagecache:body:{}"


def _fragment_key(request, page):
    return FRAGMENT_KEY.format(
        digest(
            "|".join(
                [
                    *request_identity(request),
                    str(page.pk),
                    str(page.live_revision_id),
                    type(page).__name__,
                    uk_today().isoformat(),
                ]
            )
        )
    )


def usable(request, page):
    """Whether this page's body may be kept and reused for this request."""
    return (
        settings.PAGE_FRAGMENTS_ENABLED
        and request is not None
        and page is not None
        and getattr(page, "pk", None) is not None
        and getattr(page, "live_revision_id", None) is not None
        and getattr(page, "live", False)
        and not getattr(request, "is_preview", False)
        and request.method in ("GET", "HEAD")
        and breaker.allow()
    )


def kept_body(request, page, render):
    """The page's body: kept, or rendered by `render()` and kept."""
    if not usable(request, page):
        return render()
    tokens = request_tokens(request)
    if tokens is None:
        return render()
    store = page_cache()
    key = _fragment_key(request, page)
    try:
        entry = store.get(key)
    except Exception as error:  # the cache away: render, as with no cache
        breaker.failed(error)
        return render()
    if entry and (entry["generation"], entry["path"]) == tokens:
        return entry["html"]
    html = render()
    try:
        entry = {"generation": tokens[0], "path": tokens[1], "html": html}
        store.set(key, entry, settings.PAGE_CACHE_TTL)
    except Exception as error:
        breaker.failed(error)
    return html


class PageBodyNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        page = context.get("page")
        return kept_body(request, page, lambda: self.nodelist.render(context))


def page_body(parser, token):
    """`{% page_body %}…{% end_page_body %}`: what is inside rendered once per page, revision
    and purge (see the module's docstring)."""
    nodelist = parser.parse(("end_page_body",))
    parser.delete_first_token()
    return PageBodyNode(nodelist)
