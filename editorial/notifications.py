"""The leads' "waiting for your sign-off" email: at once when something is submitted (or
resubmitted after changes were requested), but not again for every save while it waits. A save
restarts the lead's review (editorial/sign_off.py), and Wagtail emailed every lead each time:
here a restart emails them only when the item had been quiet for QUIET_MINUTES."""

import datetime

from django.utils import timezone
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

# Wagtail's own name for its receiver: ours takes its place, whichever app is ready first.
WAGTAIL_RECEIVER = "group_approval_task_submitted_email_notification"
# After a save restarts a review, the leads are not emailed again within this time.
QUIET_MINUTES = 60


def is_quiet_restart(task_state, now=None):
    """True when `task_state` restarts a review that a save interrupted less than QUIET_MINUTES
    ago: the leads were told it waits, and the email's link opens the latest version."""
    now = now or timezone.now()
    previous = (
        TaskState.objects.filter(workflow_state_id=task_state.workflow_state_id)
        .exclude(pk=task_state.pk)
        .order_by("-started_at", "-pk")
        .first()
    )
    return (
        previous is not None
        and previous.status == TaskState.STATUS_CANCELLED
        and now - previous.started_at < datetime.timedelta(minutes=QUIET_MINUTES)
    )


class QuietSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's notifier, silent for a restart within the quiet period."""

    def __call__(self, instance=None, **kwargs):
        if instance is not None and is_quiet_restart(instance):
            return True  # nothing to send, and nothing failed
        return super().__call__(instance=instance, **kwargs)


def connect():
    task_submitted.disconnect(sender=TaskState, dispatch_uid=WAGTAIL_RECEIVER)
    task_submitted.connect(
        QuietSubmissionNotifier(), sender=TaskState, dispatch_uid=WAGTAIL_RECEIVER, weak=False
    )
