"""Reports → Helpline changes: the helpline's history (helpline/history.py)
for safeguarding leads and superusers; anyone else gets the admin's refusal."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.reports import ReportView
from wagtail.models import ModelLogEntry

from helpline.history import HELPLINE_CHANGED, can_read


class HelplineChangesView(ReportView):
    """Reports → Helpline changes: who changed what on the helpline, and when, newest first."""

    page_title = "Helpline changes"
    header_icon = "mobile-alt"
    results_template_name = "helpline/admin/changes_results.html"
    index_url_name = "helpline_history"
    index_results_url_name = "helpline_history_results"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_read(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            ModelLogEntry.objects.filter(action=HELPLINE_CHANGED)
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )
