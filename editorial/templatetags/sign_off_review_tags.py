"""The compare screen's sign-off box: where the item stands and, for a lead, "Approve and
publish" and "Request changes" there (editorial/sign_off.py `review_from_compare`)."""

from django import template
from django.urls import reverse
from wagtail.models import Page

from core.models import still_missing
from core.sign_off import standing
from editorial.approval import APPROVE
from resources.models import Resource

register = template.Library()

COMPARE_URLS = {
    "page": "wagtailadmin_pages:revisions_compare",
    "resource": "wagtailsnippets_resources_resource:revisions_compare",
}


@register.inclusion_tag("editorial/admin/review_from_compare.html", takes_context=True)
def review_from_compare(context):
    obj, view, request = context.get("object"), context.get("view"), context["request"]
    kind = "page" if isinstance(obj, Page) else "resource" if isinstance(obj, Resource) else ""
    state = obj.current_workflow_state if kind else None
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return {}
    task_state = state.current_task_state
    actions = [
        (name, label, reverse("sign_off_from_compare", args=[kind, obj.pk, name, task_state.pk]))
        for name, label, _modal in task_state.task.specific.get_actions(obj, request.user)
    ]
    actions.sort(key=lambda action: action[0] != APPROVE)  # "Approve and publish" first
    return {
        "standing": standing(obj),
        "missing": still_missing(task_state.revision.as_object()),
        "actions": actions,
        # Actions only on the version that waits: what the lead approves is what they compare.
        "comparing_waiting": str(getattr(view, "revision_id_b", "")) == str(task_state.revision_id),
        "compare_waiting_url": reverse(
            COMPARE_URLS[kind], args=[obj.pk, "live", task_state.revision_id]
        ),
    }
