"""A safeguarding lead's approval: what goes live is exactly what the lead was shown.

- The approval dialog carries a token of the version it shows (`review_token`: the review's id,
  the version's id and a hash of its content), and an approval whose version has changed since
  is refused (`ApproveForm`, and again in `SignOffTask.on_action`, editorial/models.py); the
  approval publishes that version, not a newer one (`publish_approved_revision`, in
  workflow_finish.py).
- One way to approve, "Approve and publish", with an optional comment, a box (ticked) that
  makes the approval a review, and a warning to confirm when the item says it still has
  missing information.
- "Request changes" needs a comment: it is what the editor sees at the top of their form.
"""

import hashlib
import json

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.forms import TaskStateCommentForm
from wagtail.models import TaskState

APPROVE = "approve"
REQUEST_CHANGES = "reject"  # Wagtail's name for the action
MISSING_WARNING = (
    "This still says information is missing (see “Still missing”). Tick the box to publish it "
    "anyway, or request changes instead."
)
# Set in place by a lead's "Confirm reviewed" (editorial/review.py), which changes nothing a
# visitor reads but the date, and by the content review setting (the default owner, the first
# reviews' dates), which visitors never see: not part of what a lead approves.
NOT_APPROVED_CONTENT = ("last_reviewed", "review_owner", "first_review_due")


def _content_hash(revision):
    content = {k: v for k, v in revision.content.items() if k not in NOT_APPROVED_CONTENT}
    text = json.dumps(content, sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def review_token(task_state):
    """What the approval dialog was shown, in one string: the review (task state), the version
    (revision) and a hash of that version's content. It changes when the review restarts, when
    another version is up for review, and when the version itself is changed in place."""
    return f"{task_state.pk}:{task_state.revision_id}:{_content_hash(task_state.revision)}"


def who_saved(revision):
    """ "Edna Smith saved it at 3 May 2026, 14:32": for messages about a newer version."""
    user = revision.user
    who = (user.get_full_name() or user.get_username()) if user else "Someone"
    when = date_format(timezone.localtime(revision.created_at), "j F Y, H:i")
    return f"{who} saved it at {when}"


def not_approvable(token):
    """Why an approval of what `token` was made from cannot go ahead (one sentence for the
    lead), or "" when that version is still exactly the one waiting for sign-off."""
    task_state_id = token.partition(":")[0]
    task_state = (
        TaskState.objects.filter(pk=task_state_id).select_related("revision").first()
        if task_state_id.isdigit()
        else None
    )
    if task_state is None:
        return "Not approved: this dialog does not say which version you saw. Open it again."
    if task_state.status == TaskState.STATUS_IN_PROGRESS and token == review_token(task_state):
        return ""
    obj = task_state.revision.content_object if task_state.revision else None
    current = getattr(obj, "current_workflow_task_state", None)
    if current is None:
        return (
            "Not approved: it is no longer waiting for sign-off (another lead approved it, or "
            "it was taken out of sign-off)."
        )
    return (
        "Not approved: it changed after you opened it. "
        f"{who_saved(current.revision)}. Open the new version, check it, then approve "
        "that."
    )


class ApproveForm(TaskStateCommentForm):
    """Approve and publish: a comment if wanted, whether it is a review, and (when the item
    says information is missing) a box to confirm that it goes live like that."""

    counts_as_review = forms.BooleanField(
        label="This approval is also a review: set “last reviewed” to today",
        initial=True,
        required=False,
        help_text="Untick when you checked only what changed, not all of it.",
    )
    # Set by the dialog from the item itself (components/admin/sign_off_action_modal.html).
    has_missing_information = forms.BooleanField(widget=forms.HiddenInput, required=False)
    # The version the dialog showed (review_token), so that only that version is approved.
    approving = forms.CharField(widget=forms.HiddenInput, required=False)
    publish_with_missing_information = forms.BooleanField(
        label="Publish it anyway: I know information is still missing",
        required=False,
    )

    changed_since_opened = False

    def clean(self):
        cleaned = super().clean()
        why_not = not_approvable(cleaned.get("approving", ""))
        if why_not:
            self.changed_since_opened = True  # the dialog offers the new version
            self.add_error(None, why_not)
        if cleaned.get("has_missing_information") and not cleaned.get(
            "publish_with_missing_information"
        ):
            self.add_error("publish_with_missing_information", MISSING_WARNING)
        return cleaned


class RequestChangesForm(TaskStateCommentForm):
    comment = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea({"rows": 4}),
        help_text="The editor sees this at the top of the page's form.",
        error_messages={"required": "Say what needs to change: the editor sees this first."},
    )
