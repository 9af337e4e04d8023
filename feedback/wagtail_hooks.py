"""Page feedback in the admin: the report, one answer's page, its menu item, the log actions of
leads, and, while possible disclosures wait for a lead, a dashboard panel and a menu item that
say how many (feedback/alerts.py emails the leads); what the editorial roles may do with it."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem

from core.roles import EDITORS, LEADS, ROLE_PERMISSIONS_HOOK
from feedback import report


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return report.can_read(request.user)


class PossibleDisclosuresMenuItem(MenuItem):
    """First in the menu, only while possible disclosures wait: "1 possible disclosure needs a
    lead", to the report (where they come first)."""

    def is_shown(self, request):
        return report.needing_a_lead(request) > 0

    def render_component(self, request):
        return LinkMenuItem(
            self.name,
            report.needing_a_lead_label(report.needing_a_lead(request)),
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class PossibleDisclosuresPanel(Component):
    """The dashboard's first panel, while possible disclosures wait for a lead."""

    name = "possible_disclosures"
    order = 10
    template_name = "feedback/admin/disclosures_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        oldest = report.oldest_needing_a_lead()
        return {
            "count": self.count,
            "oldest": oldest,
            "more": self.count - len(oldest),
            "label": report.needing_a_lead_label(self.count),
        }


@hooks.register("register_admin_urls")
def register_feedback_urls():
    view = report.FeedbackReportView
    return [
        path("reports/page-feedback/", view.as_view(), name="feedback_report"),
        path(
            "reports/page-feedback/results/",
            view.as_view(results_only=True),
            name="feedback_report_results",
        ),
        path("reports/page-feedback/<int:pk>/", report.answer, name="feedback_answer"),
        path(
            "reports/page-feedback/<int:pk>/dealt-with/",
            report.mark_dealt_with,
            name="feedback_dealt_with",
        ),
        path("reports/page-feedback/<int:pk>/delete/", report.delete, name="feedback_delete"),
    ]


@hooks.register("register_reports_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        "Page feedback",
        reverse("feedback_report"),
        name="page-feedback",
        icon_name="help",
        order=60,
    )


@hooks.register("register_admin_menu_item")
def register_possible_disclosures_menu_item():
    return PossibleDisclosuresMenuItem(
        "Possible disclosures",
        reverse("feedback_report"),
        name="possible-disclosures",
        icon_name="warning",
        classname="pb-menu-alert",
        order=1,
    )


@hooks.register("construct_homepage_panels")
def add_possible_disclosures_panel(request, panels):
    count = report.needing_a_lead(request)
    if count:
        panels.insert(0, PossibleDisclosuresPanel(count))


@hooks.register("insert_global_admin_css")
def feedback_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("feedback/admin.css"))


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(report.DEALT_WITH_ACTION, "Feedback dealt with", "Marked feedback")
    actions.register_action(report.DELETE_ACTION, "Feedback deleted", "Deleted feedback")


@hooks.register(ROLE_PERMISSIONS_HOOK)
def role_permissions():
    """Editors read visitors' feedback; leads also deal with it, delete it and keep its setting
    (granted by the roles' set-up, editorial/roles.py)."""
    read = [("feedback", "pagefeedback", "view_pagefeedback")]
    return {
        EDITORS: read,
        LEADS: [
            *read,
            ("feedback", "feedbacksettings", "change_feedbacksettings"),
            ("feedback", "pagefeedback", "change_pagefeedback"),
            ("feedback", "pagefeedback", "delete_pagefeedback"),
        ],
    }
