"""Sign-off as the team works (protecting_babies/sign_off.py has the task itself):

- an editor's change to something waiting for sign-off starts the lead's review again on the
  new version, so a lead never approves a version they have not seen;
- after an approval or a request for changes, a message that says which it was;
- the edit form's action menu: "Approve and publish" once (no second "Publish" that does the
  same), "Take out of sign-off" last and confirmed first;
- an approval that is also a review sets "last reviewed".
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.formats import date_format

from editorial.messages import is_sign_off_action
from editorial.review import confirm_reviewed
from protecting_babies.sign_off import APPROVE, REQUEST_CHANGES

CANCEL = "action-cancel-workflow"
PUBLISH = "action-publish"
CANCEL_TEMPLATE = "editorial/admin/cancel_sign_off_menu_item.html"
LABELS = {
    APPROVE: "Approve and publish",
    REQUEST_CHANGES: "Request changes",
    "action-restart-workflow": "Resubmit for sign-off",
}


def _is_approver(obj, user):
    task = obj.current_workflow_task
    return task is not None and bool(task.get_actions(obj, user))


def _restart_review_if_changed(request, obj):
    """An editor saved a new version of something waiting for a lead: the lead's review
    starts again on it (and the leads are told, as at submission)."""
    state = obj.current_workflow_task_state
    latest = obj.get_latest_revision()
    if state is None or latest is None or state.revision_id == latest.pk:
        return
    if _is_approver(obj, request.user):
        return  # a lead correcting what they are about to approve
    state.cancel(user=request.user, resume=True)
    messages.info(
        request,
        f"'{obj}' is saved and goes back to the safeguarding leads: they review this version.",
    )


def _say_what_the_lead_did(request, obj):
    action = request.POST.get("workflow-action-name")
    obj.refresh_from_db()
    if action == APPROVE:
        revision = obj.get_latest_revision()
        go_live = revision.approved_go_live_at if revision else None
        if go_live and go_live > timezone.now():
            when = date_format(timezone.localtime(go_live), "j F Y, H:i")
            messages.success(request, f"'{obj}' has been approved and goes live on {when}.")
        else:
            messages.success(request, f"'{obj}' has been approved and published.")
    elif action == REQUEST_CHANGES:
        messages.success(
            request,
            f"Changes requested on '{obj}': the editor sees your comment at the top of its form.",
        )


def after_edit(request, obj):
    """Wagtail's after_edit_page and after_edit_snippet hooks."""
    obj = getattr(obj, "specific", obj)
    if not hasattr(obj, "current_workflow_task_state"):
        return
    if is_sign_off_action(request):
        _say_what_the_lead_did(request, obj)
    elif obj.workflow_in_progress:
        _restart_review_if_changed(request, obj)


def tidy_action_menu(menu_items, request, context):
    """construct_page_action_menu and construct_snippet_action_menu."""
    for item in menu_items:
        if item.name in LABELS:
            item.label = LABELS[item.name]
    if any(item.name == APPROVE for item in menu_items):
        menu_items[:] = [item for item in menu_items if item.name != PUBLISH]
    cancel = [item for item in menu_items if item.name == CANCEL]
    if cancel and len(menu_items) > 1:
        menu_items[:] = [item for item in menu_items if item.name != CANCEL] + cancel
    for item in cancel:
        item.label = "Take out of sign-off"
        item.template_name = CANCEL_TEMPLATE


def on_approved_as_review(sender, instance, user, **kwargs):
    """protecting_babies.signals.approved_as_review: the approval sets "last reviewed"."""
    confirm_reviewed(instance, user)
