"""The sign-off dialog's token of the version it shows (editorial/approval.py), where an item
stands in sign-off (core/sign_off.py) for the admin's header and page listing, and sign-off's
statuses in the team's words. Loaded by the project's admin templates (templates/)."""

from django import template
from wagtail.models import TaskState, WorkflowState

from core.sign_off import standing
from editorial import approval

register = template.Library()


@register.simple_tag
def review_token(task_state):
    return approval.review_token(task_state)


@register.simple_tag
def sign_off_standing(obj):
    """`{% sign_off_standing page as standing %}`: a Standing, or None."""
    return standing(obj)


# A sign-off's statuses in the team's words, for Wagtail's workflow history screens.
WORKFLOW_WORDS = {
    "in_progress": "Waiting for sign-off",
    "approved": "Approved and published",
    "needs_changes": "Changes requested",
    "cancelled": "Taken out of sign-off",
}
TASK_WORDS = {
    "in_progress": "Waiting for sign-off",
    "approved": "Approved",
    "rejected": "Changes requested",
    # A review ends so when a newer version is saved (its review starts again) or when the
    # item is taken out of sign-off.
    "cancelled": "Ended: a newer version, or taken out",
    "skipped": "Skipped",
}


@register.filter
def sign_off_words(value):
    """A workflow state's or task state's status (or a task's status, as a string) in the
    team's words: "Changes requested", never "Rejected"."""
    if isinstance(value, WorkflowState):
        return WORKFLOW_WORDS.get(value.status, value.get_status_display())
    if isinstance(value, TaskState):
        return TASK_WORDS.get(value.status, value.get_status_display())
    return TASK_WORDS.get(str(value), value)
