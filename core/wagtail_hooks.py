"""The core's admin addresses: adding or changing a redirect (redirects.py), at Wagtail's own
addresses, matched before Wagtail's as this app comes first in INSTALLED_APPS. The helpline's
history: its log action and the "Helpline changes" report, for leads. And the scripts every
admin page loads (static/protecting_babies/): typed dates never turned into another day,
text never cut short without a word, files too big refused before they are sent, "Add
images" asks before unsaved uploads are left, dates and times shown the UK way."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from core import helpline_history, redirects
from core.helpline_report import HelplineChangesView


@hooks.register("register_admin_urls")
def register_redirect_urls():
    # Settings → Redirects, with a target and an unused address required (redirects.py).
    return [
        path("redirects/add/", redirects.CreateView.as_view()),
        path("redirects/<int:redirect_id>/", redirects.EditView.as_view()),
    ]


class HelplineChangesMenuItem(MenuItem):
    def is_shown(self, request):
        return helpline_history.can_read(request.user)


@hooks.register("register_admin_urls")
def register_helpline_history_urls():
    return [
        path("reports/helpline-changes/", HelplineChangesView.as_view(), name="helpline_history"),
        path(
            "reports/helpline-changes/results/",
            HelplineChangesView.as_view(results_only=True),
            name="helpline_history_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_helpline_history_menu_item():
    return HelplineChangesMenuItem(
        "Helpline changes",
        reverse("helpline_history"),
        name="helpline-changes",
        icon_name="mobile-alt",
        order=70,
    )


@hooks.register("register_log_actions")
def register_helpline_log_action(actions):
    actions.register_action(helpline_history.HELPLINE_CHANGED)(
        helpline_history.HelplineChangedFormatter
    )


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
