"""Template tags for the pieces every public page shares, drawn from the cached site chrome."""

from django import template
from wagtail.models import Page

from protecting_babies.chrome import get_site_chrome

register = template.Library()


def _chrome(context):
    request = context.get("request")
    return get_site_chrome(request) if request is not None else None


@register.inclusion_tag("components/navigation.html", takes_context=True)
def main_navigation(context):
    """Links to the pages under the home page that are set to show in menus."""
    chrome = _chrome(context)
    current_path = getattr(context.get("page"), "path", "")
    items = [
        {
            "page": page,
            "active": current_path.startswith(page.path),
            "current": current_path == page.path,
        }
        for page in (chrome["menu"] if chrome else [])
    ]
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page down to the current page's parent."""
    chrome = _chrome(context)
    home = chrome["home"] if chrome else None
    ancestors = []
    if home is not None and page.depth > home.depth and page.path.startswith(home.path):
        if page.depth == home.depth + 1:
            ancestors = [home]
        else:
            ancestors = Page.objects.ancestor_of(page).filter(depth__gte=home.depth).live()
    return {"ancestors": ancestors, "request": context.get("request")}


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    chrome = _chrome(context)
    return {
        "helpline": chrome["helpline"] if chrome else None,
        "pages": chrome["pages"] if chrome else {},
        "request": context.get("request"),
    }


@register.inclusion_tag("components/exit_this_page.html", takes_context=True)
def exit_this_page(context):
    chrome = _chrome(context)
    links = chrome["links"] if chrome else None
    return {
        "exit_url": links.exit_url if links else "https://www.bbc.co.uk/weather",
        "staying_safe": (chrome["pages"] if chrome else {}).get("staying_safe_page"),
        "request": context.get("request"),
    }
