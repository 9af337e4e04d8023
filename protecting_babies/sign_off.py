"""The "Safeguarding sign-off" task: a safeguarding lead approves what goes live.

Wagtail's group approval task, changed where the team works differently (docs/editors-guide.md):

- an editor may go on correcting a page or resource while it waits for sign-off (Wagtail would
  lock it to them); each change they save starts the lead's review again on the new version
  (editorial's after-edit hooks), so a lead never approves a version they have not seen;
- one way to approve, "Approve and publish", with an optional comment, a box (ticked) that
  makes the approval a review, and a warning to confirm when the item says it still has
  missing information;
- "Request changes" needs a comment: it is what the editor sees at the top of their form.
"""

from django import forms
from wagtail.forms import TaskStateCommentForm
from wagtail.locks import WorkflowLock
from wagtail.models import AbstractGroupApprovalTask

from protecting_babies.signals import approved_as_review

APPROVE = "approve"
REQUEST_CHANGES = "reject"  # Wagtail's name for the action
MISSING_WARNING = (
    "This still says information is missing (see “Still missing”). Tick the box to publish it "
    "anyway, or request changes instead."
)


class ApproveForm(TaskStateCommentForm):
    """Approve and publish: a comment if wanted, whether it is a review, and (when the item
    says information is missing) a box to confirm that it goes live like that."""

    counts_as_review = forms.BooleanField(
        label="This approval is also a review: set “last reviewed” to today",
        initial=True,
        required=False,
        help_text="Untick when you checked only what changed, not the whole page.",
    )
    # Set by the dialog from the item itself (components/admin/sign_off_action_modal.html).
    has_missing_information = forms.BooleanField(widget=forms.HiddenInput, required=False)
    publish_with_missing_information = forms.BooleanField(
        label="Publish it anyway: I know information is still missing",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
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


class SignOffLock(WorkflowLock):
    """What the edit form's status panel says while an item waits: open to corrections (Wagtail
    would say "Locked by workflow: only reviewers can edit")."""

    def get_icon(self, user, can_lock=False):
        return "lock-open"

    def get_locked_by(self, user, can_lock=False):
        return "Waiting for sign-off"

    def get_description(self, user, can_lock=False):
        return (
            "Waiting for a safeguarding lead. You can still correct it: each change you save "
            "goes to the leads as the version to review."
        )


class SignOffTask(AbstractGroupApprovalTask):
    """A safeguarding lead (a member of the task's groups) approves, or requests changes."""

    lock_class = SignOffLock

    def locked_for_user(self, obj, user):
        return False  # editors correct it while it waits; their change restarts the review

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                (REQUEST_CHANGES, "Request changes", True),
                (APPROVE, "Approve and publish", True),
            ]
        return []

    def get_form_for_action(self, action):
        return ApproveForm if action == APPROVE else RequestChangesForm

    def get_template_for_action(self, action):
        return "components/admin/sign_off_action_modal.html"

    def on_action(self, task_state, user, action_name, **kwargs):
        counts_as_review = kwargs.pop("counts_as_review", False)
        for name in ("has_missing_information", "publish_with_missing_information"):
            kwargs.pop(name, None)
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name == APPROVE and counts_as_review:
            instance = task_state.workflow_state.content_object
            instance = getattr(instance, "specific", instance)
            approved_as_review.send(sender=type(instance), instance=instance, user=user)

    @classmethod
    def get_description(cls):
        return "A safeguarding lead approves and publishes, or requests changes"

    class Meta:
        verbose_name = "safeguarding sign-off task"
        verbose_name_plural = "safeguarding sign-off tasks"


def changes_requested(obj):
    """The lead's request for changes on obj (the task state: comment, by whom, when), or None
    when its sign-off is not waiting for changes."""
    state = getattr(obj, "current_workflow_state", None) if obj.pk else None
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state
