"""What a finished sign-off publishes (WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail's default publishes the item's latest version, which may be newer than the one the lead
approved. Here the approved version is published: the one the last task state was on (the
sign-off task moves it only to a correction the approving lead made in the same request).

Wagtail imports this while it loads its own models, so it imports nothing at all.
"""


def publish_approved_revision(workflow_state, user=None):
    workflow_state.current_task_state.revision.publish(user=user)
