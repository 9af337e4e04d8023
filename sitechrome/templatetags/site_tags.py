"""Template tags for the pieces every public page shares, drawn from the cached site chrome.

The menu, the footer and the exit control are rendered once per chrome version (and what else
each depends on: the current section, the page's address, the UK date of the helpline's
notices) and kept in this process's memory: the chrome's key names its version, so a change to
what they show (sitechrome/signals.py replaces the chrome) is a new key."""

import threading
from collections import OrderedDict

from django import template
from django.template.loader import get_template
from wagtail.models import Page

from core.dates import uk_today
from sitechrome.chrome import EMPTY_CHROME, breadcrumbs_from_chrome, get_site_chrome

register = template.Library()

_kept = OrderedDict()
_kept_lock = threading.Lock()
MAX_KEPT = 2000


def _render_kept(context, template_name, parts, values):
    """The template rendered with `values` (and the request), kept per chrome version and
    `parts` (everything else the output depends on)."""
    request = context.get("request")
    lookup = getattr(request, "_site_chrome_lookup", None) if request is not None else None
    key = (lookup[0], template_name, *parts) if lookup is not None else None
    if key is not None:
        with _kept_lock:
            html = _kept.get(key)
        if html is not None:
            return html
    html = get_template(template_name).render({**values(), "request": request})
    if key is not None:
        with _kept_lock:
            _kept[key] = html
            while len(_kept) > MAX_KEPT:
                _kept.popitem(last=False)
    return html


def _chrome(context):
    """The request's chrome; an empty one for a template rendered without a request."""
    request = context.get("request")
    return get_site_chrome(request) if request is not None else EMPTY_CHROME


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The whole chrome, for a template that uses its parts: `{% site_chrome as chrome %}`
    (the workstream cards, the library's workstream filter, the helpline in the page's head)."""
    return _chrome(context)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Links to the pages under the home page that are set to show in menus."""
    current_path = getattr(context.get("page"), "path", "")

    def values():
        items = [
            {
                "page": page,
                "active": current_path.startswith(page.path),
                "current": current_path == page.path,
            }
            for page in _chrome(context)["menu"]
        ]
        return {"items": items}

    # Which menu item is the current section, or the current page, is all that varies.
    section = next(
        (page.path for page in _chrome(context)["menu"] if current_path.startswith(page.path)),
        "",
    )
    current = section if section == current_path else ""
    return _render_kept(context, "components/navigation.html", (section, current), values)


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page down to the current page's parent, as [(url, title)]: from
    the chrome's routes when they hold the page (no query), else from the database."""
    request = context.get("request")
    chrome = _chrome(context)
    home = chrome["home"]
    ancestors = []
    if home is not None and page.depth > home.depth and page.path.startswith(home.path):
        ancestors = breadcrumbs_from_chrome(chrome, page)
        if ancestors is None:
            pages = [home]
            if page.depth > home.depth + 1:
                pages = Page.objects.ancestor_of(page).filter(depth__gte=home.depth).live()
            ancestors = [(ancestor.get_url(request), ancestor.title) for ancestor in pages]
    return {"ancestors": ancestors, "request": request}


@register.simple_tag(takes_context=True)
def site_footer(context, for_parents=False):
    """The helpline and the support links. `for_parents`: the parents' pages name the site
    rather than the partnership, whose name a watched parent may not want seen on screen."""

    def values():
        chrome = _chrome(context)
        return {
            "for_parents": for_parents,
            "helpline": chrome["helpline"],
            "pages": chrome["pages"],
        }

    request = context.get("request")
    # The footer prints the page's address, and the helpline's notices of the day.
    address = request.build_absolute_uri() if request is not None else ""
    parts = (bool(for_parents), uk_today(), address)
    return _render_kept(context, "components/footer.html", parts, values)


@register.simple_tag(takes_context=True)
def exit_this_page(context):
    def values():
        chrome = _chrome(context)
        return {
            "exit_url": chrome["links"].exit_url,
            "staying_safe": chrome["pages"].get("staying_safe_page"),
        }

    return _render_kept(context, "components/exit_this_page.html", (), values)
