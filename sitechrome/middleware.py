"""Routing from the site chrome, and until when a page may be kept as the chrome says."""

from wagtail.views import serve as wagtail_serve

from caching.middleware import FRESH_UNTIL
from core.dates import uk_today
from sitechrome.chrome import chrome_changes_at, get_site_chrome, route_from_chrome


class SiteChromeMiddleware:
    """Before Wagtail serves a page, takes the request's site and the page itself from the
    chrome (sitechrome/chrome.py's routes), so page routing costs one query instead of Wagtail's
    site query and its walk down the tree. Only for Wagtail's page view (nothing else pays for
    the lookup). The chrome is built here when it is not cached (every page and 404 shows it),
    so it is on the request even when the page's template does not ask for it again (a kept
    page: caching/fragments.py).

    And once the page is rendered, until when it may be kept (by the page cache, browsers and
    a CDN): until the chrome it showed says something else by itself, at the UK midnight the
    helpline's dated notices next change (chrome_changes_at()), set on the response for the
    page cache (caching/middleware.py's FRESH_UNTIL)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The UK date the page is rendered on, taken before it is: a render that ends after
        # midnight shows that day's or the next day's helpline notices, and either way is
        # kept no later than the next change after this date.
        rendered_on = uk_today()
        response = self.get_response(request)
        changes_at = chrome_changes_at(request, rendered_on)
        if changes_at is not None:
            setattr(response, FRESH_UNTIL, changes_at)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            page = route_from_chrome(get_site_chrome(request), path, request)
            if page is not None:
                # What Page.route_for_request() returns, kept where it looks first.
                request._wagtail_route_for_request = (page, [], {})
