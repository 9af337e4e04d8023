"""The helpline in the admin: its history (the log action, and Reports → Helpline changes, for
leads), and its settings' old addresses, from when it was part of the core, sent on to the new
ones (a bookmark keeps working). And the helpline the core's 429 page shows (HELPLINE_HOOK)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.ratelimit import HELPLINE_HOOK
from helpline import history
from helpline.models import HelplineSettings
from helpline.report import HelplineChangesView


class HelplineChangesMenuItem(MenuItem):
    def is_shown(self, request):
        return history.can_read(request.user)


@hooks.register("register_admin_urls")
def register_helpline_urls():
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


@hooks.register(HELPLINE_HOOK)
def helpline_for_request(request):
    """The helpline the 429 page shows (core/ratelimit.py)."""
    return HelplineSettings.for_request(request)


@hooks.register("register_log_actions")
def register_helpline_log_action(actions):
    actions.register_action(history.HELPLINE_CHANGED)(history.HelplineChangedFormatter)
