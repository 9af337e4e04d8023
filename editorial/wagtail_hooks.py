"""The editors' side of the admin: content review (the report and its menu item, the dashboard
panel, the "Confirm reviewed" buttons and the log action they record), this site's editor's
guide, where the Help menu sends editors, and a Reports menu of the reports the team uses."""

from django.urls import path, reverse
from django.utils.dateformat import time_format
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.widgets import Button

from core.models import DUE_SOON_DAYS, ContentReviewMixin, ContentReviewSettings
from editorial import guide, history, review, sign_off, views
from resources.models import Resource


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return review.user_can_see_reviews(request.user)


class ReviewPanel(Component):
    """The dashboard's "Content review" panel: how much is overdue and due soon."""

    name = "content_review"
    order = 50
    template_name = "editorial/review_panel.html"

    def get_context_data(self, parent_context):
        context = {
            **review.review_counts(),
            "report_url": reverse("review_report"),
            "due_soon_days": DUE_SOON_DAYS,
        }
        user = parent_context["request"].user
        if review.user_can_confirm_reviews(user):
            # A lead is asked, until one has, who owns the content that has no owner.
            chosen = ContentReviewSettings.load()
            if chosen.default_owner is None:
                context["unowned"] = review.unowned_count()
                context["settings_url"] = review.review_settings_url()
        return context


@hooks.register("register_admin_urls")
def register_review_urls():
    report = views.ContentDueForReviewView
    return [
        path("reports/content-review/", report.as_view(), name="review_report"),
        path(
            "reports/content-review/results/",
            report.as_view(results_only=True),
            name="review_report_results",
        ),
        path(
            "review/page/<int:page_id>/confirm/",
            views.confirm_page_reviewed,
            name="review_confirm_page",
        ),
        path(
            "review/resource/<int:pk>/confirm/",
            views.confirm_resource_reviewed,
            name="review_confirm_resource",
        ),
        path("review/page/<int:page_id>/undo/", views.undo_page_reviewed, name="review_undo_page"),
        path(
            "review/resource/<int:pk>/undo/",
            views.undo_resource_reviewed,
            name="review_undo_resource",
        ),
        path("review/confirm/", views.confirm_many_reviewed, name="review_confirm_many"),
    ]


@hooks.register("register_admin_urls")
def register_sign_off_urls():
    return [
        path(
            "sign-off/<str:kind>/<int:pk>/<slug:action_name>/<int:task_state_id>/",
            sign_off.review_from_compare,
            name="sign_off_from_compare",
        ),
    ]


@hooks.register("register_admin_urls")
def register_guide_urls():
    return [
        path("guide/", guide.guide, name="editors_guide"),
        path("guide/images/<str:name>", guide.guide_image, name="editors_guide_image"),
    ]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(guide.TITLE, reverse("editors_guide"), name="site-guide", icon_name="help")


@hooks.register("construct_help_menu")
def leave_out_wagtail_s_own_guide(request, menu_items):
    """Wagtail's generic guide and release notes would send editors away from this site's."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


# Wagtail's own reports the team does not use: "Content due for review" says what is old, and
# sign-off is one step, followed on the dashboard and in each item's history.
UNUSED_REPORTS = {"aging-pages", "page-types-usage", "workflows", "workflow-tasks"}


@hooks.register("construct_reports_menu")
def leave_out_unused_reports(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in UNUSED_REPORTS]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewMenuItem(
        "Content due for review",
        reverse("review_report"),
        name="content-due-for-review",
        icon_name="time",
        order=50,
    )


class AwaitingSignOffPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review", saying which items are pages and which resources."""

    template_name = "editorial/admin/awaiting_sign_off.html"


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    panels[:] = [
        AwaitingSignOffPanel() if panel.name == AwaitingSignOffPanel.name else panel
        for panel in panels
    ]
    if review.user_can_see_reviews(request.user):
        panels.insert(0, ReviewPanel())


@hooks.register("register_page_header_buttons")
def confirm_reviewed_page_button(page, user, view_name, next_url=None):
    specific_class = page.specific_class
    if (
        specific_class is not None
        and issubclass(specific_class, ContentReviewMixin)
        and review.user_can_confirm_reviews(user)
    ):
        confirmation = review.undoable_confirmation(page.specific, user)
        if confirmation is not None:  # while it lasts, the way back is here too
            until = time_format(localtime(confirmation.until), "H:i")
            yield Button(
                f"Undo confirm reviewed (until {until})",
                url=confirmation.undo_url,
                icon_name="undo",
                priority=40,
            )
            return
        yield Button(
            "Confirm reviewed",
            url=reverse("review_confirm_page", args=[page.pk]),
            icon_name="tick",
            priority=40,
        )


@hooks.register("register_snippet_listing_buttons")
def confirm_reviewed_resource_button(snippet, user, next_url=None):
    if isinstance(snippet, Resource) and review.user_can_confirm_reviews(user):
        yield Button(
            "Confirm reviewed",
            url=reverse("review_confirm_resource", args=[snippet.pk]),
            icon_name="tick",
            priority=40,
        )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        review.CONFIRM_ACTION, "Confirm reviewed", "Confirmed the content is reviewed"
    )
    actions.register_action(
        review.UNDO_ACTION, "Undo confirm reviewed", "Took back a confirmation of its review"
    )


hooks.register("before_create_page", sign_off.before_create)
hooks.register("before_create_snippet", sign_off.before_create)
hooks.register("after_create_page", sign_off.after_create)
hooks.register("after_create_snippet", sign_off.after_create)
hooks.register("before_edit_page", sign_off.before_edit)
hooks.register("before_edit_snippet", sign_off.before_edit)
hooks.register("after_edit_page", sign_off.after_edit)
hooks.register("before_bulk_action", sign_off.before_bulk_action)
hooks.register("after_edit_snippet", sign_off.after_edit)
hooks.register("construct_page_action_menu", sign_off.tidy_action_menu)
hooks.register("construct_snippet_action_menu", sign_off.tidy_action_menu)
# After Wagtail's own formatters (order 0), so that these are the ones used.
hooks.register("register_log_actions", history.register_sign_off_lines, order=10)
