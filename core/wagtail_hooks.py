"""The core's admin addresses: adding or changing a redirect (redirects.py), at Wagtail's own
addresses, matched before Wagtail's as this app comes first in INSTALLED_APPS; the old
addresses of the settings that left the core (moved_settings.py). And the scripts every
admin page loads (static/protecting_babies/): typed dates never turned into another day,
text never cut short without a word, files too big refused before they are sent, "Add
images" asks before unsaved uploads are left, dates and times shown the UK way."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from core import moved_settings, redirects


@hooks.register("register_admin_urls")
def register_moved_settings_urls():
    """Settings that left the core keep answering at their old addresses (a redirect)."""
    return moved_settings.urls()


@hooks.register("register_admin_urls")
def register_redirect_urls():
    # Settings → Redirects, with a target and an unused address required (redirects.py).
    return [
        path("redirects/add/", redirects.CreateView.as_view()),
        path("redirects/<int:redirect_id>/", redirects.EditView.as_view()),
    ]


@hooks.register("insert_global_admin_js")
def admin_script():
    # Before the page's own scripts, with no inline code (the admin's CSP): its settings are
    # data attributes.
    return format_html(
        '<script src="{}" data-max-image-bytes="{}" data-max-document-bytes="{}"></script>',
        static("protecting_babies/admin.js"),
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
    )


@hooks.register("insert_global_admin_css")
def admin_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("protecting_babies/admin.css"))


class OneQueryPageLinkHandler(PageLinkHandler):
    """Links to pages in rich text, in one query for all of a text's links: Wagtail's own
    handler fetches each linked page's specific type (two queries) for its URL, which only
    needs the page's path. No page type of this site builds its URL differently."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = Page.objects.filter(id__in=[i for i in ids if str(i).isdigit()]).only(
            "id", "url_path", "path", "depth", "locale_id", "live", "translation_key"
        )
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(i)) for i in ids]


@hooks.register("register_rich_text_features", order=1)
def links_to_pages_in_one_query(features):
    """After Wagtail's own (order=1): its page link type replaced by OneQueryPageLinkHandler."""
    features.register_link_type(OneQueryPageLinkHandler)
