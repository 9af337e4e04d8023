"""The "site chrome": navigation, helpline and footer links that every public page shows.

It is built once and kept in the cache, so a page's own queries are all it costs; any publish,
unpublish, move or delete of a page, or a change to the helpline or site links, replaces it.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from protecting_babies.models import HelplineSettings, SiteLinks
from strategy.models import WorkstreamPage

VERSION_KEY = "site-chrome:version"
TIMEOUT = 24 * 60 * 60


def chrome_version():
    """A token that changes whenever the chrome must be rebuilt."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
    return version


def invalidate_chrome(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def get_site_chrome(request):
    """The chrome for the request's site: from the request, then the cache, then the database."""
    chrome = getattr(request, "_site_chrome", None)
    if chrome is not None:
        return chrome
    site = Site.find_for_request(request)
    if site is None:
        chrome = {
            "site": None,
            "home": None,
            "menu": [],
            "workstreams": [],
            "helpline": None,
            "links": SiteLinks(),
            "pages": {},
        }
    else:
        key = f"site-chrome:{site.pk}:{chrome_version()}"
        chrome = cache.get(key)
        if chrome is None:
            chrome = build_site_chrome(site)
            cache.set(key, chrome, TIMEOUT)
    request._site_chrome = chrome
    return chrome


def build_site_chrome(site):
    """Everything the chrome shows, as picklable values, in a handful of queries."""
    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))

    def is_public(page):
        return not any(page.path.startswith(path) for path in restricted_paths)

    home = Page.objects.get(pk=site.root_page_id)
    menu = [
        page
        for page in Page.objects.child_of(home).live().in_menu().specific().defer_streamfields()
        if is_public(page)
    ]
    workstreams = [
        page
        for page in WorkstreamPage.objects.child_of(home)
        .live()
        .defer_streamfields()
        .order_by("number")
        if is_public(page)
    ]
    links = SiteLinks.for_site(site)
    ids = {
        name: getattr(links, f"{name}_id")
        for name in ("staying_safe_page", "accessibility_page", "privacy_page")
    }
    linked = Page.objects.live().in_bulk([pk for pk in ids.values() if pk])
    pages = {name: linked[pk] for name, pk in ids.items() if pk in linked and is_public(linked[pk])}
    return {
        "site": site,
        "home": home,
        "menu": menu,
        "workstreams": workstreams,
        "helpline": HelplineSettings.for_site(site),
        "links": links,
        "pages": pages,
    }


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def _page_changed(sender, **kwargs):
    invalidate_chrome()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction):
        invalidate_chrome()


@receiver(post_save, sender=HelplineSettings)
@receiver(post_save, sender=SiteLinks)
@receiver(post_save, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
def _settings_changed(sender, **kwargs):
    invalidate_chrome()
