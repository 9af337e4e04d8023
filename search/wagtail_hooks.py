"""Site search in the admin."""

from wagtail import hooks


@hooks.register("construct_reports_menu")
def hide_search_terms_report(request, menu_items):
    """Visitors' searches are never recorded (see docs/search.md), so that report stays empty."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
