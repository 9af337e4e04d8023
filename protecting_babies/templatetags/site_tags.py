"""Template tags for the pieces every public page shares."""

from django import template
from wagtail.models import Page, Site

from protecting_babies.models import HelplineSettings, SiteLinks

register = template.Library()


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.inclusion_tag("components/navigation.html", takes_context=True)
def main_navigation(context):
    """Links to the pages under the home page that are set to show in menus."""
    site = _site(context)
    current_path = getattr(context.get("page"), "path", "")
    items = []
    if site is not None:
        pages = Page.objects.child_of(site.root_page).live().public().in_menu()
        items = [
            {
                "page": page,
                "active": current_path.startswith(page.path),
                "current": current_path == page.path,
            }
            for page in pages
        ]
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page down to the current page's parent."""
    site = _site(context)
    ancestors = []
    if site is not None and page.depth > site.root_page.depth:
        ancestors = Page.objects.ancestor_of(page).filter(depth__gte=site.root_page.depth).live()
    return {"ancestors": ancestors, "request": context.get("request")}


def _site_links(context):
    """The site's links, looked up once per request and shared by the header and footer."""
    request = context.get("request")
    cached = getattr(request, "_site_links", None)
    if cached is None:
        site = _site(context)
        links = SiteLinks.for_site(site) if site is not None else SiteLinks()
        cached = (links, links.linked_pages())
        if request is not None:
            request._site_links = cached
    return cached


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    site = _site(context)
    _links, pages = _site_links(context)
    return {
        "helpline": HelplineSettings.for_site(site) if site is not None else None,
        "pages": pages,
        "request": context.get("request"),
    }


@register.inclusion_tag("components/exit_this_page.html", takes_context=True)
def exit_this_page(context):
    links, pages = _site_links(context)
    return {"exit_url": links.exit_url, "staying_safe": pages["staying_safe_page"]}
