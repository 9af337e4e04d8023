"""Page feedback in the admin: the report, its menu item, and the log actions of leads."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback import report


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return report.can_read(request.user)


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


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(report.DEALT_WITH_ACTION, "Feedback dealt with", "Marked feedback")
    actions.register_action(report.DELETE_ACTION, "Feedback deleted", "Deleted feedback")
