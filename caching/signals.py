"""Every purge of the page cache and of the site chrome, in one place: which change of content
reaches which cached pages. Connected once, from CachingConfig.ready().

Each purge runs when the change is committed, so no visitor can cache the old content after
it. A change that shows in the site chrome (caching/chrome.py: a site's home, the pages under
it, the footer's links, any site setting, the sites, view restrictions) replaces
the chrome and purges every page; any other change purges the pages that show it. A page that
becomes live, stops being live or is retitled also replaces the chrome's routes (and so the
chrome: caching/chrome.py), which purges no page.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from caching.cache import page_path, purge_everything, purge_paths
from caching.chrome import (
    chrome_snapshot,
    invalidate_chrome,
    invalidate_routes,
    shows_in_chrome,
)
from core.signals import changed_in_place
from resources.models import Resource, ResourceIndexPage
from strategy.models import WorkstreamPage

UID = "page-cache"


def _on_commit(paths=(), everything=False, missing=False):
    """Purge once the change is committed; `everything` replaces the chrome as well; `missing`
    purges what paths that are no page answered (404s, redirects: a page may be there now)."""
    paths = set(paths)
    if everything:
        invalidate_chrome()
        transaction.on_commit(purge_everything)
    else:
        transaction.on_commit(lambda: purge_paths(paths, missing=missing))


def _referring_page_paths(obj):
    """Paths of the live pages that refer to obj (links, choosers), from Wagtail's index."""
    refs = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page)
    )
    ids = {int(pk) for pk in refs.values_list("object_id", flat=True) if str(pk).isdigit()}
    return {page_path(page) for page in Page.objects.filter(pk__in=ids).live().specific()}


def _resource_listing_paths(resources):
    paths = {page_path(page) for page in ResourceIndexPage.objects.all()}
    workstreams = WorkstreamPage.objects.filter(resources__in=resources).distinct()
    return paths | {page_path(page) for page in workstreams}


# --- Pages -------------------------------------------------------------------------------


def page_targets(page):
    """The paths a change to this page shows on, or None when it shows on every page."""
    before = getattr(page, "_chrome_before", None)
    if getattr(page, "reads_query_string", lambda: False)():
        return None  # the chrome holds which query strings reach it (caching/querystring.py)
    if shows_in_chrome(page) and (before is None or before != chrome_snapshot(page)):
        return None
    paths = {page_path(page)}
    paths |= {page_path(p) for p in page.get_ancestors().specific() if p.depth > 1}
    if before is None or before["title"] != page.title:
        # Breadcrumbs below this page show its title.
        paths |= {page_path(p) for p in page.get_descendants().specific()}
    paths |= _referring_page_paths(page)
    listed = Resource.objects.filter(page=page)
    if listed.exists():
        paths |= _resource_listing_paths(listed)
    return paths


def _remember_page(sender, instance, **kwargs):
    """Before a page is saved, note what the chrome could show of it as it was."""
    if not isinstance(instance, Page) or instance.pk is None:
        return
    old = type(instance).objects.filter(pk=instance.pk).first()
    instance._chrome_before = chrome_snapshot(old) if old else None


def _page_changed(sender, instance, **kwargs):
    targets = page_targets(instance)
    _on_commit(paths=targets or (), everything=targets is None, missing=True)
    before = getattr(instance, "_chrome_before", None)
    if before is None or before["live"] != instance.live or before["title"] != instance.title:
        # The chrome's routes hold every live page's path and title (caching/chrome.py).
        invalidate_routes()


def _page_created(sender, instance, created=False, **kwargs):
    """A page created already live (in code, not through the admin's publish) shows at once."""
    if created and isinstance(instance, Page) and instance.live:
        _page_changed(sender, instance)


def _page_moved_or_deleted(sender, instance=None, **kwargs):
    """A move or delete changes a subtree's addresses, the navigation and breadcrumbs."""
    if instance is None or isinstance(instance, Page):
        _on_commit(everything=True)


def _changed_in_place(sender, instance, **kwargs):
    """A live page changed without publishing ("Confirm reviewed"): its own cached copies."""
    if isinstance(instance, Page):
        _on_commit(paths=[page_path(instance)])


# --- Site-wide settings, sites, restrictions, media --------------------------------------


def _everything_changed(sender, **kwargs):
    _on_commit(everything=True)


def _setting_changed(sender, instance=None, action=None, **kwargs):
    """Any site setting (the helpline, the site links, page feedback...) shows on every page.
    A many-to-many change counts once it is made (m2m_changed's post_ actions)."""
    if action is not None and not action.startswith("post_"):
        return
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        _on_commit(everything=True)


def _redirect_changed(sender, **kwargs):
    """A redirect added, changed or deleted: what missing paths answer has changed."""
    _on_commit(missing=True)


def _media_changed(sender, instance, created=False, **kwargs):
    """An image or document edited or deleted: its address may have changed on any page."""
    if not created:
        transaction.on_commit(purge_everything)


# --- Resources: the library, the workstream pages that list them, pages that choose them --


def _resource_workstream_ids(resource):
    rows = Resource.workstreams.through.objects.filter(resource_id=resource.pk)
    return set(rows.values_list("workstreampage_id", flat=True))


def _resource_targets(resource):
    ids = getattr(resource, "_page_cache_workstreams", set())
    if resource.pk:
        ids = ids | _resource_workstream_ids(resource)
    paths = {page_path(page) for page in ResourceIndexPage.objects.all()}
    paths |= {page_path(page) for page in WorkstreamPage.objects.filter(pk__in=ids)}
    if resource.pk:
        paths |= _referring_page_paths(resource)
    return paths


def _remember_resource(sender, instance, **kwargs):
    """Before a resource is saved or deleted, note the workstream pages that list it now."""
    instance._page_cache_workstreams = _resource_workstream_ids(instance) if instance.pk else set()
    if kwargs.get("signal") is pre_delete:
        _on_commit(paths=_resource_targets(instance))


def _resource_changed(sender, instance, **kwargs):
    _on_commit(paths=_resource_targets(instance))


def connect():
    """Connect the purges to the signals of Wagtail and of the site's own models."""
    pre_save.connect(_remember_page, dispatch_uid=f"{UID}-page-before")
    post_save.connect(_page_created, dispatch_uid=f"{UID}-page-created")
    page_published.connect(_page_changed, dispatch_uid=f"{UID}-published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{UID}-unpublished")
    page_slug_changed.connect(_everything_changed, dispatch_uid=f"{UID}-slug")
    post_page_move.connect(_page_moved_or_deleted, dispatch_uid=f"{UID}-moved")
    post_delete.connect(_page_moved_or_deleted, dispatch_uid=f"{UID}-deleted")
    changed_in_place.connect(_changed_in_place, dispatch_uid=f"{UID}-in-place")
    post_save.connect(_setting_changed, dispatch_uid=f"{UID}-setting")
    post_delete.connect(_setting_changed, dispatch_uid=f"{UID}-setting-del")
    m2m_changed.connect(_setting_changed, dispatch_uid=f"{UID}-setting-m2m")
    post_save.connect(_redirect_changed, sender=Redirect, dispatch_uid=f"{UID}-redirect")
    post_delete.connect(_redirect_changed, sender=Redirect, dispatch_uid=f"{UID}-redirect-del")
    for model in (Site, PageViewRestriction):
        post_save.connect(_everything_changed, sender=model, dispatch_uid=f"{UID}-{model.__name__}")
        post_delete.connect(
            _everything_changed, sender=model, dispatch_uid=f"{UID}-{model.__name__}-del"
        )
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_media_changed, sender=model, dispatch_uid=f"{UID}-{model.__name__}")
        post_delete.connect(
            _media_changed, sender=model, dispatch_uid=f"{UID}-{model.__name__}-del"
        )
    pre_save.connect(_remember_resource, sender=Resource, dispatch_uid=f"{UID}-res-before")
    pre_delete.connect(_remember_resource, sender=Resource, dispatch_uid=f"{UID}-res-delete")
    published.connect(_resource_changed, sender=Resource, dispatch_uid=f"{UID}-res-published")
    unpublished.connect(_resource_changed, sender=Resource, dispatch_uid=f"{UID}-res-unpub")
