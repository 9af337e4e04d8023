"""Every purge of the page cache: which change of content reaches which cached pages.
Connected once, from CachingConfig.ready().

Each purge runs when the change is committed, so no visitor can cache the old content after
it. A published page purges itself, its ancestors (their listings), its descendants when its
title changed (their breadcrumbs) and the pages that refer to it; a change of addresses (a
move, a delete, a new slug), of a site, a view restriction, any site setting (each shows on
every page) or an image or document purges every page. What the site chrome shows on every
page (the menu, the footer) the chrome's own app purges when it changes (sitechrome/signals.py).

The page cache knows no app's content. A model shown on pages other than those that choose it
says which, with a method `pages_shown_on()` (the resources: the library and the workstream
pages that list them); its changes purge those pages, before and after the change. Pages that
choose a thing, or link to it, are found in Wagtail's reference index, and so are the models
that point to a changed page (a resource for a page of this site), whose `pages_shown_on()`
pages are purged with it.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from caching.cache import page_path, purge_everything, purge_paths
from core.signals import changed_in_place

UID = "page-cache"


def _on_commit(paths=(), everything=False, missing=False):
    """Purge once the change is committed: `everything`, or these paths; `missing` purges what
    paths that are no page answered too (404s, redirects: a page may be there now)."""
    paths = set(paths)
    if everything:
        transaction.on_commit(purge_everything)
    else:
        transaction.on_commit(lambda: purge_paths(paths, missing=missing))


def _shown_on_paths(obj):
    """Paths of the pages a model says it shows on (`pages_shown_on()`), beyond its choosers."""
    shown_on = getattr(obj, "pages_shown_on", None)
    return {page_path(page) for page in shown_on()} if shown_on else set()


def _referring_paths(obj):
    """Paths of the live pages that refer to obj (links, choosers), and of the pages showing
    anything else that refers to it (a resource for this page, in the library's list): from
    Wagtail's reference index."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    page_ids, others = set(), defaultdict(set)
    rows = ReferenceIndex.get_references_to(obj).values_list(
        "base_content_type_id", "content_type_id", "object_id"
    )
    for base_type_id, type_id, object_id in rows.distinct():
        if base_type_id == page_type.pk:
            if str(object_id).isdigit():
                page_ids.add(int(object_id))
        else:
            others[type_id].add(object_id)
    paths = {page_path(page) for page in Page.objects.filter(pk__in=page_ids).live().specific()}
    for type_id, object_ids in others.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None and hasattr(model, "pages_shown_on"):
            for referrer in model._default_manager.filter(pk__in=object_ids):
                paths |= _shown_on_paths(referrer)
    return paths


# --- Pages -------------------------------------------------------------------------------


def page_targets(page):
    """The paths a change to this page shows on."""
    paths = {page_path(page)}
    paths |= {page_path(p) for p in page.get_ancestors().specific() if p.depth > 1}
    if getattr(page, "_page_cache_title_before", None) != page.title:
        # Breadcrumbs below this page show its title.
        paths |= {page_path(p) for p in page.get_descendants().specific()}
    return paths | _referring_paths(page)


def _remember_page(sender, instance, **kwargs):
    """Before a page is saved, note its title as it was (None for a new page)."""
    if not isinstance(instance, Page) or instance.pk is None:
        return
    before = Page.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
    instance._page_cache_title_before = before


def _page_changed(sender, instance, **kwargs):
    _on_commit(paths=page_targets(instance), missing=True)


def _page_created(sender, instance, created=False, raw=False, **kwargs):
    """A page created already live (in code, not through the admin's publish) shows at once;
    not a row loaded as it is (raw: a fixture, a test database restored)."""
    if created and not raw and isinstance(instance, Page) and instance.live:
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


# --- Models shown on pages other than their choosers' (pages_shown_on()) -----------------


def _shown_elsewhere(model):
    return not issubclass(model, Page) and hasattr(model, "pages_shown_on")


def _targets(instance):
    """Where a change to a model shown on pages shows: the pages it was shown on before the
    change (noted by _remember_shown_on), those it is shown on now, and those that choose it."""
    paths = {page_path(page) for page in getattr(instance, "_page_cache_shown_on", ())}
    if instance.pk:
        paths |= _shown_on_paths(instance) | _referring_paths(instance)
    return paths


def _remember_shown_on(sender, instance, raw=False, **kwargs):
    """Before such a model is saved or deleted, note the pages it is shown on now; a delete
    purges them (after it, nothing says where it was). Not for rows loaded as they are
    (fixtures: raw)."""
    if raw or not _shown_elsewhere(sender):
        return
    instance._page_cache_shown_on = list(instance.pages_shown_on()) if instance.pk else []
    if kwargs.get("signal") is pre_delete:
        _on_commit(paths=_targets(instance))


def _shown_on_changed(sender, instance, **kwargs):
    """Published, unpublished, or (without draft states) saved: purge where it shows."""
    if _shown_elsewhere(sender):
        _on_commit(paths=_targets(instance))


def _shown_on_saved(sender, instance, raw=False, **kwargs):
    """A model without draft states shows what it saves at once; one with them, what it
    publishes (published and unpublished, above)."""
    if not raw and not issubclass(sender, DraftStateMixin):
        _shown_on_changed(sender, instance)


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
    pre_save.connect(_remember_shown_on, dispatch_uid=f"{UID}-shown-before")
    pre_delete.connect(_remember_shown_on, dispatch_uid=f"{UID}-shown-delete")
    post_save.connect(_shown_on_saved, dispatch_uid=f"{UID}-shown-saved")
    published.connect(_shown_on_changed, dispatch_uid=f"{UID}-shown-published")
    unpublished.connect(_shown_on_changed, dispatch_uid=f"{UID}-shown-unpublished")
