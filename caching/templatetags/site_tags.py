"""Template tags for the pieces every public page shares, drawn from the cached site chrome."""

from django import template
from wagtail.models import Page

from caching.chrome import EMPTY_CHROME, get_site_chrome

register = template.Library()


def _chrome(context):
    """The request's chrome; an empty one for a template rendered without a request."""
    request = context.get("request")
    return get_site_chrome(request) if request is not None else EMPTY_CHROME


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The whole chrome, for a template that uses its parts: `{% site_chrome as chrome %}`
    (the workstream cards, the library's workstream filter, the helpline in the page's head)."""
    return _chrome(context)


@register.inclusion_tag("components/navigation.html", takes_context=True)
def main_navigation(context):
    """Links to the pages under the home page that are set to show in menus."""
    current_path = getattr(context.get("page"), "path", "")
    items = [
        {
            "page": page,
            "active": current_path.startswith(page.path),
            "current": current_path == page.path,
        }
        for page in _chrome(context)["menu"]
    ]
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page down to the current page's parent."""
    home = _chrome(context)["home"]
    ancestors = []
    if home is not None and page.depth > home.depth and page.path.startswith(home.path):
        if page.depth == home.depth + 1:
            ancestors = [home]
        else:
            ancestors = Page.objects.ancestor_of(page).filter(depth__gte=home.depth).live()
    return {"ancestors": ancestors, "request": context.get("request")}


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context, for_parents=False):
    """The helpline and the support links. `for_parents`: the parents' pages name the site
    rather than the partnership, whose name a watched parent may not want seen on screen."""
    chrome = _chrome(context)
    return {
        "for_parents": for_parents,
        "helpline": chrome["helpline"],
        "pages": chrome["pages"],
        "request": context.get("request"),
    }


@register.inclusion_tag("components/exit_this_page.html", takes_context=True)
def exit_this_page(context):
    chrome = _chrome(context)
    return {
        "exit_url": chrome["links"].exit_url,
        "staying_safe": chrome["pages"].get("staying_safe_page"),
        "request": context.get("request"),
    }
