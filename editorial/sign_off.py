"""Sign-off as the team works (the task itself is in models.py, its approval dialog in
approval.py):

- any change to something waiting for sign-off starts the lead's review again on the new
  version, so a lead never approves a version they have not seen: a new version saved by
  anyone, or the version waiting changed in place;
- no edit form may overwrite a saved version in place (Wagtail's autosave does, and its views
  accept `overwrite_revision_id` even with autosave off): a 400 page, nothing saved;
- an approval from the edit form is refused when the form the lead approves from is not the
  latest version (someone saved since they opened it): the lead is sent to the new version;
- after an approval or a request for changes, a message that says which it was (or why the
  approval did not happen);
- the page listing's bulk "Publish" (which publishes each page's latest version, unseen) is
  refused for any page with a version that is not live: such a page is approved from its form;
- the edit form's action menu: "Approve and publish" once (no second "Publish" that does the
  same), one "Resubmit for sign-off", the review's actions before "Unpublish", "Take out of
  sign-off" last and confirmed first.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from core.models import still_missing
from editorial.approval import APPROVE, REQUEST_CHANGES, not_approvable, who_saved
from editorial.messages import is_sign_off_action, reword_page_message
from resources.models import Resource

CANCEL = "action-cancel-workflow"
PUBLISH = "action-publish"
RESTART = "action-restart-workflow"
SUBMIT = "action-submit"
UNPUBLISH = "action-unpublish"
SUBMIT_LABEL = "Submit for sign-off"
RESUBMIT_LABEL = "Resubmit for sign-off"
CANCEL_TEMPLATE = "editorial/admin/cancel_sign_off_menu_item.html"
LABELS = {
    APPROVE: "Approve and publish",
    REQUEST_CHANGES: "Request changes",
}
# A lead's menu while reviewing, after the default button (Save draft): the review first.
REVIEW_ORDER = {APPROVE: 1, REQUEST_CHANGES: 2, UNPUBLISH: 3, CANCEL: 4}


OVERWRITE = "overwrite_revision_id"
NOT_SAVED_TEMPLATE = "editorial/admin/not_saved.html"


def _refuse_overwrite(request):
    """An edit form asking to overwrite a saved version in place, while autosave is off."""
    if request.method != "POST" or not request.POST.get(OVERWRITE):
        return None
    if getattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL", 500) > 0:
        return None  # autosave's own saves; each one still restarts the review (below)
    response = TemplateResponse(request, NOT_SAVED_TEMPLATE, status=400)
    return response.render()


def before_create(request, *args):
    """Wagtail's before_create_page and before_create_snippet hooks."""
    return _refuse_overwrite(request)


def before_edit(request, obj):
    """Wagtail's before_edit_page and before_edit_snippet hooks (also run by the "revert to
    this version" views): no overwriting in place, and no approval from an out-of-date form."""
    refused = _refuse_overwrite(request)
    if refused is not None:
        return refused
    if not is_sign_off_action(request) or request.POST.get("workflow-action-name") != APPROVE:
        return None
    dialog = _dialog_posted(request)
    why_not = _form_out_of_date(request, obj) or not_approvable(str(dialog.get("approving", "")))
    if not why_not:
        return None
    if dialog.get("comment"):
        why_not += f" Your comment was not sent: “{dialog['comment']}”"
    messages.error(request, why_not)
    return redirect(AdminURLFinder(request.user).get_edit_url(obj))


def _form_out_of_date(request, obj):
    """Why the edit form the lead approves from is not the version waiting (the latest, as it
    was when the form was opened), or ""."""
    latest = obj.get_latest_revision()
    state = obj.current_workflow_task_state
    if latest is None or state is None:
        return ""
    loaded = [request.POST.get(f"loaded_revision_{part}") for part in ("id", "created_at")]
    if loaded == [str(latest.pk), latest.created_at.isoformat()] and latest.pk == state.revision_id:
        return ""
    return (
        f"Not approved: a new version was saved after you opened this ({who_saved(latest)}). "
        "This is the new version: check it, then approve it."
    )


def _dialog_posted(request):
    """What the approval dialog sent with the edit form (its fields, as Wagtail's script
    passes them on), or {}."""
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _restart_review_if_changed(request, obj):
    """Someone saved a new version of something waiting for a lead, or the version waiting was
    changed in place (saved again after its review started): the lead's review starts again on
    the latest version (and the leads are told, as at submission)."""
    state = obj.current_workflow_task_state
    latest = obj.get_latest_revision()
    if state is None or latest is None:
        return
    if state.revision_id == latest.pk and latest.created_at <= state.started_at:
        return
    state.cancel(user=request.user, resume=True)
    messages.info(
        request,
        f"'{obj}' is saved and goes back to the safeguarding leads: they review this version.",
    )


def _say_what_the_lead_did(request, obj, action=None):
    action = action or request.POST.get("workflow-action-name")
    obj.refresh_from_db()
    if action == APPROVE and obj.workflow_in_progress:
        # The task refused it: the version changed between the checks above and the approval.
        messages.error(
            request,
            f"'{obj}' was not approved: it changed after you opened it. Open it again to see "
            "the new version.",
        )
    elif action == APPROVE:
        scheduled = obj.revisions.filter(approved_go_live_at__gt=timezone.now()).first()
        go_live = scheduled.approved_go_live_at if scheduled else None
        if go_live:
            when = date_format(timezone.localtime(go_live), "j F Y, H:i")
            messages.success(request, f"'{obj}' has been approved and goes live on {when}.")
        else:
            messages.success(request, f"'{obj}' has been approved and published.")
    elif action == REQUEST_CHANGES:
        messages.success(
            request,
            f"Changes requested on '{obj}': the editor sees your comment at the top of its form.",
        )


def _say_what_is_missing(request, obj):
    """An editor has just submitted (or resubmitted) something that says information is still
    missing: told now, not when a lead approves it (the lead sees the same note first)."""
    missing = still_missing(obj).strip()
    if not missing:
        return
    kind = "page" if isinstance(obj, Page) else obj._meta.verbose_name
    messages.warning(
        request,
        f"This {kind} still says information is missing: {missing} The safeguarding leads see "
        "this first: they may publish it anyway, or ask you for it. Clear “Missing "
        "information” (under “Content review”) once it is there.",
    )


def after_create(request, obj):
    """Wagtail's after_create_page and after_create_snippet hooks."""
    if isinstance(obj, Page):
        reword_page_message(request, obj, created=True)
    obj = getattr(obj, "specific", obj)
    if SUBMIT in request.POST and hasattr(obj, "missing_information"):
        _say_what_is_missing(request, obj)


def after_edit(request, obj):
    """Wagtail's after_edit_page and after_edit_snippet hooks."""
    if isinstance(obj, Page):
        reword_page_message(request, obj)
    obj = getattr(obj, "specific", obj)
    if not hasattr(obj, "current_workflow_task_state"):
        return
    if is_sign_off_action(request):
        _say_what_the_lead_did(request, obj)
    elif SUBMIT in request.POST:
        # Wagtail runs this hook after the submission (its workflow_in_progress may still say
        # what it said before it).
        _say_what_is_missing(request, obj)
    elif obj.workflow_in_progress:
        _restart_review_if_changed(request, obj)


def before_bulk_action(request, action_type, objects, action):
    """Wagtail's before_bulk_action hook: the pages' bulk "Publish" publishes each page's latest
    version (and, when asked, every draft page below), which no lead was shown there."""
    if action_type != "publish" or not issubclass(action.model, Page):
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live())
    unseen = [page for page in pages if not page.live or page.has_unpublished_changes]
    if not unseen:
        return None
    titles = ", ".join(f"'{page.get_admin_display_title()}'" for page in unseen)
    messages.error(
        request,
        f"Nothing was published: {titles} would go live with changes no safeguarding lead has "
        "approved. Open each one and approve it from its own form, where you see what goes live.",
    )
    return redirect(action.next_url)


class Relabelled(Component):
    """A menu item of Wagtail's whose label it works out itself (as "Submit to …"), shown with
    the label given here instead."""

    def __init__(self, item, label):
        self.item, self.label = item, label
        self.name, self.order = item.name, item.order
        self.template_name = item.template_name

    @property
    def media(self):
        return self.item.media

    def get_context_data(self, parent_context):
        return {**self.item.get_context_data(parent_context), "label": self.label}


def _submit_label(context):
    obj = context.get("page") or context.get("instance")
    state = getattr(obj, "current_workflow_state", None) if obj and obj.pk else None
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        return RESUBMIT_LABEL
    return SUBMIT_LABEL


def tidy_action_menu(menu_items, request, context):
    """construct_page_action_menu and construct_snippet_action_menu: one name for each action;
    one way to resubmit (Wagtail would offer "Restart workflow" too, which records the editor as
    cancelling: a save already restarts the review); a lead reviewing sees "Approve and publish"
    and "Request changes" first, "Unpublish" after them (not beside "Request changes" at the
    top), and "Take out of sign-off" last, confirmed first."""
    menu_items[:] = [item for item in menu_items if item.name != RESTART]
    for index, item in enumerate(menu_items):
        if item.name in LABELS:
            item.label = LABELS[item.name]
        if item.name == SUBMIT:
            menu_items[index] = Relabelled(item, _submit_label(context))
    reviewing = any(item.name == APPROVE for item in menu_items)
    if reviewing:
        menu_items[:] = [item for item in menu_items if item.name != PUBLISH]
        menu_items.sort(key=lambda item: REVIEW_ORDER.get(item.name, 0))
    cancel = [item for item in menu_items if item.name == CANCEL]
    if cancel and len(menu_items) > 1:
        menu_items[:] = [item for item in menu_items if item.name != CANCEL] + cancel
    for item in cancel:
        item.label = "Take out of sign-off"
        item.template_name = CANCEL_TEMPLATE


# Wagtail's own view acting on a sign-off at once (its dashboard's way), by the kind of item.
WORKFLOW_ACTION_URLS = {
    "page": "wagtailadmin_pages:workflow_action",
    "resource": "wagtailsnippets_resources_resource:workflow_action",
}


def review_from_compare(request, kind, pk, action_name, task_state_id):
    """ "Approve and publish" and "Request changes" on the compare screen: Wagtail's own view
    for acting on a sign-off at once (the dialog, its form and the review token, every check
    as on the dashboard), then what happened said as after an approval from the edit form, and
    the lead taken to the item's form (the compare screen would show nothing left to compare).
    The dialog posts back here (`sign_off_submit_url`, components/admin/sign_off_action_modal)."""
    if kind not in WORKFLOW_ACTION_URLS:
        raise Http404
    match = resolve(reverse(WORKFLOW_ACTION_URLS[kind], args=[pk, action_name, task_state_id]))
    request.sign_off_submit_url = request.get_full_path()
    response = match.func(request, *match.args, **match.kwargs)
    if request.method != "POST":
        return response
    acted = response.status_code == 302
    if response.get("Content-Type", "").startswith("application/json"):
        answer = json.loads(response.content)
        acted = answer.get("step") == "success"
    if not acted:
        return response  # the dialog again, saying why (or Wagtail's own refusal)
    obj = Page.objects.get(pk=pk).specific if kind == "page" else Resource.objects.get(pk=pk)
    if action_name == APPROVE or obj.current_workflow_state is not None:
        _say_what_the_lead_did(request, obj, action_name)
    edit_url = AdminURLFinder(request.user).get_edit_url(obj)
    if response.status_code == 302:
        return redirect(edit_url)
    return JsonResponse({**answer, "redirect": edit_url})
