"""The "Safeguarding sign-off" task: a safeguarding lead approves what goes live.

Wagtail's group approval task, changed where the team works differently (docs/editors-guide.md):

- an editor may go on correcting a page or resource while it waits for sign-off (Wagtail would
  lock it to them); each change saved starts the lead's review again on the new version
  (editorial's after-edit hooks), so a lead never approves a version they have not seen;
- what goes live is exactly what the approving lead was shown: the approval dialog carries a
  token of the version it shows (`review_token`: the review's id, the version's id and a hash
  of its content), and an approval whose version has changed since is refused (`ApproveForm`,
  and again in `SignOffTask.on_action`); the approval publishes that version, not a newer one
  (`publish_approved_revision`, in workflow_finish.py);
- one way to approve, "Approve and publish", with an optional comment, a box (ticked) that
  makes the approval a review, and a warning to confirm when the item says it still has
  missing information;
- "Request changes" needs a comment: it is what the editor sees at the top of their form.
"""

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.forms import TaskStateCommentForm
from wagtail.locks import WorkflowLock
from wagtail.models import AbstractGroupApprovalTask, TaskState

from core.signals import approved_as_review

logger = logging.getLogger(__name__)

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
        approving = kwargs.pop("approving", "")
        for name in ("has_missing_information", "publish_with_missing_information"):
            kwargs.pop(name, None)
        if action_name == APPROVE and not self._approves_what_was_shown(
            task_state, user, approving
        ):
            logger.warning(
                "Approval refused: task state %s changed since the lead %s was shown it",
                task_state.pk,
                user.pk,
            )
            return None  # nothing approved; the view says why (editorial/sign_off.py)
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name == APPROVE and counts_as_review:
            instance = task_state.workflow_state.content_object
            instance = getattr(instance, "specific", instance)
            approved_as_review.send(sender=type(instance), instance=instance, user=user)

    def _approves_what_was_shown(self, task_state, user, approving):
        """Whether the approval may go ahead: the dialog's token is that of this review as it is
        now. What it approves is the version under review, even if a newer one has appeared
        (that stays a draft), except a version this lead saved since the review started: a
        correction they made on the form they approve from, which they have seen."""
        now = TaskState.objects.select_related("revision").get(pk=task_state.pk)
        if now.status != TaskState.STATUS_IN_PROGRESS:
            return False
        if not approving or approving != review_token(now):
            return False
        latest = now.revision.content_object.get_latest_revision()
        if (
            latest.pk != now.revision_id
            and latest.user_id == user.pk
            and latest.created_at > now.started_at
        ):
            task_state.revision = latest  # saved as the approved version when it is approved
        return True

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
