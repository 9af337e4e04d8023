"""Each page rendered once and kept, but for the parts that depend on who asks and when:
`{% kept_page %}…{% end_kept_page %}` around the whole of templates/base.html, and
`{% per_request "name" arg… %}` wherever such a part goes (the feedback box's signed time, the
editor's user bar). See docs/performance.md.

The page cache (caching/cache.py) keeps whole pages for anonymous visitors. What it cannot
answer (its first visit after a publish, a new combination of the library's filters, a
signed-in editor, the page cache switched off) is rendered; most of that work is the same for
every request of the page: its body (listings, links in rich text, chosen pages), its `<head>`
(description, canonical address, JSON-LD), menu, breadcrumbs, helpline, feedback box and
footer. So that is kept too, with a mark where each per-request part goes, under the same
tokens as the page cache: the cache's generation and the path's token. Whatever purges a page
(caching/signals.py: a publish, a resource listed on it, the helpline, the menu, any
setting...) purges what is kept of it at the same moment, by the same rule, and a render from
old content is stored under old tokens and never used, exactly as a page. The key also holds
the page's id and live revision, the scheme, host, path and (normalised) query string, the UK
date (the helpline's dated notices) and the release (caching/cache.py's release()). Each use
renders only the per-request parts into their marks. Each process keeps the kept pages it used
last (caching/cache.py's KEPT_COPIES), used again while the tokens read for the request are
those they were kept under (no round trip but the tokens').

The per-request parts are named in settings.PAGE_PER_REQUEST_PARTS: name -> the dotted path of
a function (the template context, then the tag's arguments as strings) -> safe HTML. Their
arguments are kept in the mark, so they may hold only letters, digits, "_", "." and "-" (a
page's id).

Kept only what the page's own serve() renders (core/models.py's SERVED_PAGE: Wagtail calls it
once the view restrictions let the request through, so never a password form in the page's
place), and stored compressed. Never kept: an anonymous visitor's render the page cache is
answering (it keeps the whole page under the same tokens), a render that used the visitor's
CSRF token, a preview (request.is_preview), a page without a live revision, a page rendered
under a script prefix (its links carry it; the key leaves it out), a template that
is not a page's (search, errors), and nothing at all while the cache is away (the breaker is
open) or PAGE_FRAGMENTS_ENABLED is off: then the per-request parts render in place. What is
kept may not depend on who is asking (no CSRF token, nothing about the user): whatever does is
a per-request part.
"""

import gzip
import logging
import re
from functools import cache

from django import template
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from caching import breaker
from caching.cache import (
    KEPT_COPIES,
    compress,
    digest,
    page_cache,
    release,
    request_identity,
    request_tokens,
)
from core.dates import uk_today
from core.models import SERVED_PAGE

logger = logging.getLogger(__name__)

KEPT_KEY = "pagecache:kept:{}"
# Where a per-request part goes in a kept page: its name and arguments, in a comment no content
# can hold (text is escaped, so no "<" survives, and rich text loses its comments when saved),
# signed with a tag of this release and the secret key, so none can be forged in content either.
# A kept page whose marks cannot be filled is rendered whole instead.
MARK = "<!--pb:{}:{}-->"
ARGUMENT = re.compile(r"[\w.-]*")
# Set on the request while its page is rendered to be kept: the parts leave their mark instead.
MARKING = "_page_kept_marking"


def _kept_key(request, page):
    return KEPT_KEY.format(
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


@cache
def _tag():
    return digest(f"{settings.SECRET_KEY}|{release()}|per-request")[:20]


@cache
def _marks():
    return re.compile(rf"<!--pb:{_tag()}:([a-z][a-z-]*(?::[\w.-]*)*)-->")


def usable(request, page):
    """Whether this page may be kept and reused for this request: rendered by the page's own
    serve() (Wagtail calls it only once the page's view restrictions let the request through:
    never a password form or anything else shown in the page's place), and not one the page
    cache is answering (an anonymous visitor's: the page cache keeps the whole page under the
    same tokens, so a kept copy would only double what Redis holds)."""
    return (
        settings.PAGE_FRAGMENTS_ENABLED
        and request is not None
        and page is not None
        and getattr(page, "pk", None) is not None
        and getattr(request, SERVED_PAGE, None) == page.pk
        and getattr(request, "page_cache_lookup", None) is None
        and getattr(page, "live_revision_id", None) is not None
        and getattr(page, "live", False)
        and not getattr(request, "is_preview", False)
        and request.method in ("GET", "HEAD")
        # Under a script prefix every link carries it, and the key leaves it out.
        and not request.META.get("SCRIPT_NAME")
        and breaker.allow()
    )


def kept_html(request, page, render):
    """The page's HTML as kept, or rendered by `render()` and kept; None when it may not be
    kept for this request (then the caller renders it as usual)."""
    if not usable(request, page):
        return None
    tokens = request_tokens(request)
    if tokens is None:
        return None
    key = _kept_key(request, page)
    local = (key, tokens)
    html = KEPT_COPIES.get(local)
    if html is not None:
        return html
    store = page_cache()
    try:
        entry = store.get(key)
    except Exception as error:  # the cache away: render, as with no cache
        breaker.failed(error)
        return None
    if entry and (entry["generation"], entry["path"]) == tokens:
        html = gzip.decompress(entry["html"]).decode()
        KEPT_COPIES.put(local, html)
        return html
    token_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    html = render()
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") != token_before:
        return html  # it holds this visitor's CSRF token: never kept
    try:
        entry = {"generation": tokens[0], "path": tokens[1], "html": compress(html.encode())}
        store.set(key, entry, settings.PAGE_CACHE_TTL)
    except Exception as error:
        breaker.failed(error)
    else:
        KEPT_COPIES.put(local, html)
    return html


def _part(name):
    path = settings.PAGE_PER_REQUEST_PARTS.get(name)
    return import_string(path) if path else None


def fill(html, context):
    """The kept page with each mark replaced by its part rendered for this request; None when
    a mark cannot be filled (a part this code does not know, or one that fails)."""
    pieces = _marks().split(html)
    for index in range(1, len(pieces), 2):
        name, *arguments = pieces[index].split(":")
        part = _part(name)
        if part is None:
            return None
        try:
            pieces[index] = str(part(context, *arguments))
        except Exception:  # rendered whole instead, with the error logged
            logger.exception("Per-request part %r could not be filled", name)
            return None
    return "".join(pieces)


class PerRequestNode(template.Node):
    """A part rendered on every request: in place, or into its mark in a kept page."""

    def __init__(self, name, arguments):
        self.name = name
        self.arguments = arguments

    def render(self, context):
        arguments = [str(argument.resolve(context)) for argument in self.arguments]
        request = context.get("request")
        if getattr(request, MARKING, False):
            if not all(ARGUMENT.fullmatch(argument) for argument in arguments):
                raise ValueError(f"Per-request part {self.name!r}: {arguments!r} cannot be kept")
            return mark_safe(MARK.format(_tag(), ":".join([self.name, *arguments])))  # noqa: S308
        return _part(self.name)(context, *arguments)


class KeptPageNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def _marked(self, request, context):
        marking = getattr(request, MARKING, False)
        setattr(request, MARKING, True)
        try:
            return self.nodelist.render(context)
        finally:
            setattr(request, MARKING, marking)

    def render(self, context):
        request = context.get("request")
        html = kept_html(request, context.get("page"), lambda: self._marked(request, context))
        filled = fill(html, context) if html is not None else None
        if filled is None:
            return self.nodelist.render(context)
        return filled


def kept_page(parser, token):
    """`{% kept_page %}…{% end_kept_page %}`: what is inside rendered once per page, revision
    and purge, but for its per-request parts (see the module's docstring)."""
    nodelist = parser.parse(("end_kept_page",))
    parser.delete_first_token()
    return KeptPageNode(nodelist)


def per_request(parser, token):
    """`{% per_request "name" arg… %}`: the part settings.PAGE_PER_REQUEST_PARTS names,
    rendered on every request, also inside a kept page."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% per_request "name" argument… %}')
    name = bits[1][1:-1]
    if name not in settings.PAGE_PER_REQUEST_PARTS:
        raise template.TemplateSyntaxError(f"{name!r} is not in PAGE_PER_REQUEST_PARTS")
    return PerRequestNode(name, [parser.compile_filter(bit) for bit in bits[2:]])
