"""What editorial keeps: the "Safeguarding sign-off" task, and which owners have had the day's
review reminder.

The sign-off task is Wagtail's group approval task, changed where the team works differently
(docs/editors-guide.md):

- an editor may go on correcting a page or resource while it waits for sign-off (Wagtail would
  lock it to them); each change saved starts the lead's review again on the new version
  (editorial/sign_off.py's after-edit hooks), so a lead never approves a version they have not
  seen;
- a lead approves only the version the dialog showed them (editorial/approval.py), and an
  approval that is also a review sets "last reviewed".
"""

import logging

from django.conf import settings
from django.db import models
from wagtail.locks import WorkflowLock
from wagtail.models import AbstractGroupApprovalTask, TaskState

from editorial.approval import (
    APPROVE,
    REQUEST_CHANGES,
    ApproveForm,
    RequestChangesForm,
    review_token,
)
from editorial.review import confirm_reviewed

logger = logging.getLogger(__name__)


class ReviewReminderSent(models.Model):
    """That an owner was sent the day's review reminder, so a second run that day (a restarted
    scheduler, a retry after a failed send) does not send it again."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_on = models.DateField()

    class Meta:
        # The table made when this model lived in the core app, kept so no data moves.
        db_table = "protecting_babies_reviewremindersent"
        verbose_name = "review reminder sent"
        constraints = [
            models.UniqueConstraint(fields=["owner", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.owner} on {self.sent_on}"


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
            confirm_reviewed(instance, user)  # "last reviewed" is today

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
        # The table made when this model lived in the core app, kept so no data moves.
        db_table = "protecting_babies_signofftask"
        verbose_name = "safeguarding sign-off task"
        verbose_name_plural = "safeguarding sign-off tasks"
