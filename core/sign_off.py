"""Where a page or resource stands in sign-off, read from Wagtail's workflow state: for the edit
form's notices (the review panels every page and resource has), the edit header and the page
listing (editorial's `sign_off_tags`).

The sign-off itself (the task, its approval dialog, the roles and the workflow) is editorial's
(editorial/models.py, approval.py, roles.py); this reads only what Wagtail keeps, so the core
says where an item stands without knowing how sign-off works.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format


def changes_requested(obj):
    """The lead's request for changes on obj (the task state: comment, by whom, when), or None
    when its sign-off is not waiting for changes."""
    state = getattr(obj, "current_workflow_state", None) if obj.pk else None
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


@dataclass(frozen=True)
class Standing:
    """Where an item stands in sign-off, for the edit form, the header and the page listing:
    `label` in a few words, and since when and by whom (the version's author) when known."""

    label: str
    since: datetime.datetime | None = None
    by: str = ""

    @property
    def waiting(self):
        return self.label == WAITING

    def __str__(self):
        return self.said("j F Y, H:i")

    @property
    def short(self):
        """With the month in three letters, for a listing's narrow column."""
        return self.said("j M Y, H:i")

    def said(self, date_format_string):
        if self.since is None:
            return self.label
        when = date_format(timezone.localtime(self.since), date_format_string)
        return f"{self.label} since {when}" + (f" (by {self.by})" if self.by else "")


WAITING = "Waiting for sign-off"
CHANGES_REQUESTED = "Changes requested"
DRAFT_NOT_LIVE = "Draft changes not yet live"


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def standing(obj):
    """Where obj stands (a Standing), or None when there is nothing to say (no draft, or not
    live yet and not in sign-off: Wagtail's own "Draft" says it). Uses the workflow states a
    listing prefetched (Wagtail's prefetch_workflow_states), so only an item in sign-off costs
    a query (its version's author)."""
    if not getattr(obj, "pk", None):
        return None
    state = getattr(obj, "current_workflow_state", None)
    task_state = state.current_task_state if state is not None else None
    if task_state is not None and state.status == state.STATUS_IN_PROGRESS:
        revision = task_state.revision
        user = revision.user if revision is not None else state.requested_by
        return Standing(WAITING, task_state.started_at, _name(user))
    if task_state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        return Standing(CHANGES_REQUESTED, task_state.finished_at, _name(task_state.finished_by))
    if getattr(obj, "live", False) and getattr(obj, "has_unpublished_changes", False):
        return Standing(DRAFT_NOT_LIVE)
    return None


def waiting_for_sign_off(obj):
    """obj's Standing while it waits for a lead, else None (the edit form's notice)."""
    found = standing(obj)
    return found if found is not None and found.waiting else None


# The edit form's actions (Wagtail's names), and what the team says after each: "{kind} '{title}'
# ...", on creating and on editing.
SUBMIT = "submit"
RESTART = "restart-workflow"
CANCEL = "cancel-workflow"
CREATED = {SUBMIT: "{kind} '{title}' created and sent to the safeguarding leads for sign-off."}
EDITED = {
    SUBMIT: "{kind} '{title}' has been sent to the safeguarding leads for sign-off.",
    RESTART: "{kind} '{title}' has been sent for sign-off again.",
    CANCEL: "{kind} '{title}' is out of sign-off: it is a draft again.",
}


def posted_action(request, actions):
    """Which of `actions` the edit form posted (`action-<name>`), or None."""
    if request.method != "POST":
        return None
    return next((name for name in actions if request.POST.get(f"action-{name}")), None)


def said_after(request, kind, title, created=False):
    """The team's sentence after the action the edit form posted, or None (Wagtail's stands)."""
    sentences = CREATED if created else EDITED
    action = posted_action(request, sentences)
    return sentences[action].format(kind=kind, title=title) if action else None
