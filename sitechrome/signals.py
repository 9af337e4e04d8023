"""The site chrome replaced, and every page purged, when what it shows changes: a site's home,
the pages under it (the menu, the workstream cards), the pages the footer links to, the site
links and the helpline (any site setting), the sites and view restrictions; and the pages whose
query-string rules it keeps (the library). A page that becomes live, stops being live or is
retitled also replaces the chrome's routes (and so the chrome), which purges no page. Connected
once, from SiteChromeConfig.ready(); each purge runs once the change is committed.

The page cache purges every page itself for a move, a delete, a new slug, a site, a view
restriction and any setting (caching/signals.py): for those the chrome is only replaced here,
so one change purges once. A page's own change the page cache purges only where the page shows:
when it shows in the chrome, every page is purged here.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from caching.cache import purge_everything
from sitechrome.chrome import chrome_snapshot, invalidate_chrome, invalidate_routes, shows_in_chrome

UID = "site-chrome"


def _replace_chrome():
    """Every host's chrome rebuilt on its next request, and every page purged once committed:
    for a page's change, which the page cache purges only where the page shows."""
    invalidate_chrome()
    transaction.on_commit(purge_everything)


def _remember_page(sender, instance, **kwargs):
    """Before a page is saved, note what the chrome could show of it as it was."""
    if not isinstance(instance, Page) or instance.pk is None:
        return
    old = type(instance).objects.filter(pk=instance.pk).first()
    instance._chrome_before = chrome_snapshot(old) if old else None


def _page_changed(sender, instance, **kwargs):
    before = getattr(instance, "_chrome_before", None)
    if getattr(instance, "reads_query_string", lambda: False)() or (
        shows_in_chrome(instance) and (before is None or before != chrome_snapshot(instance))
    ):
        # Shown on every page, or its query-string rules kept in the chrome.
        _replace_chrome()
    if before is None or before["live"] != instance.live or before["title"] != instance.title:
        # The chrome's routes hold every live page's path and title (sitechrome/chrome.py).
        invalidate_routes()


def _page_created(sender, instance, created=False, raw=False, **kwargs):
    """A page created already live (in code, not through the admin's publish) shows at once;
    not a row loaded as it is (raw: a fixture, a test database restored)."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        _page_changed(sender, instance)


def _page_moved_or_deleted(sender, instance=None, **kwargs):
    """A move or delete changes a subtree's addresses, the navigation and the routes (the page
    cache purges every page for it: caching/signals.py)."""
    if instance is None or isinstance(instance, Page):
        invalidate_chrome()


def _everything_changed(sender, **kwargs):
    """A new slug, a site or a view restriction changed (every page purged by the page cache)."""
    invalidate_chrome()


def _setting_changed(sender, instance=None, action=None, **kwargs):
    """The helpline and the site links are site settings; a many-to-many change counts once it
    is made (m2m_changed's post_ actions)."""
    if action is not None and not action.startswith("post_"):
        return
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        invalidate_chrome()  # every page purged by the page cache, as for any setting


def connect():
    pre_save.connect(_remember_page, dispatch_uid=f"{UID}-page-before")
    post_save.connect(_page_created, dispatch_uid=f"{UID}-page-created")
    page_published.connect(_page_changed, dispatch_uid=f"{UID}-published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{UID}-unpublished")
    page_slug_changed.connect(_everything_changed, dispatch_uid=f"{UID}-slug")
    post_page_move.connect(_page_moved_or_deleted, dispatch_uid=f"{UID}-moved")
    post_delete.connect(_page_moved_or_deleted, dispatch_uid=f"{UID}-deleted")
    post_save.connect(_setting_changed, dispatch_uid=f"{UID}-setting")
    post_delete.connect(_setting_changed, dispatch_uid=f"{UID}-setting-del")
    m2m_changed.connect(_setting_changed, dispatch_uid=f"{UID}-setting-m2m")
    for model in (Site, PageViewRestriction):
        post_save.connect(_everything_changed, sender=model, dispatch_uid=f"{UID}-{model.__name__}")
        post_delete.connect(
            _everything_changed, sender=model, dispatch_uid=f"{UID}-{model.__name__}-del"
        )
