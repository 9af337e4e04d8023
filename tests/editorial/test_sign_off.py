"""Sign-off as the team works: an editor may correct what waits for a lead (and the review starts
again), the lead's request is on the editor's form, approval is a review unless the lead says
not, missing information must be confirmed, one publish button, messages in the team's words,
and an empty field inside a block is caught when a draft is saved."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import streamfield

from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.sign_off import approve, open_for_approval
from tests.support.users import resource_form_data, workstream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def workstream(roles):
    page = roles["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=None, missing_information="")
    page.refresh_from_db()
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def messages_of(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def submit(client, editor, page, **changes):
    client.force_login(editor)
    response = client.post(
        edit_url(page), workstream_form_data(page, **changes, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    return WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )


def approve_from_the_form(client, lead, page, counts_as_review=True):
    """The lead opens the page and "Approve and publish", and approves (as the browser does)."""
    opened = open_for_approval(client, lead, page)
    approval = approve(client, lead, opened, counts_as_review="on" if counts_as_review else "")
    assert not approval.refused_in_dialog
    return approval


def approval_dialog(client, lead, page, state):
    """The "Approve and publish" dialog's address, and the dialog as the lead opens it."""
    client.force_login(lead)
    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    return url, BeautifulSoup(json.loads(client.get(url).content)["html"], "html.parser")


@pytest.mark.parametrize("who", ["editor", "lead"])
def test_an_editor_corrects_a_page_in_sign_off_and_the_review_starts_again(
    client, roles, workstream, who
):
    """A lead's own correction, saved while it waits, is a new version to review too."""
    state = submit(client, roles["editor"], workstream, summary="First try")
    first = state.current_task_state

    response = client.get(edit_url(workstream))
    assert response.status_code == 200
    said = text_of(response)
    assert "Locked by workflow" not in said and "Only reviewers can edit" not in said
    assert "You can still correct it" in said

    client.force_login(roles[who])
    response = client.post(
        edit_url(workstream), workstream_form_data(workstream, summary="Second try"), follow=True
    )
    assert "goes back to the safeguarding leads" in messages_of(response)
    first.refresh_from_db()
    assert first.status == TaskState.STATUS_CANCELLED
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    workstream.refresh_from_db()
    assert state.current_task_state.revision_id == workstream.get_latest_revision().pk

    approve_from_the_form(client, roles["lead"], workstream, counts_as_review=True)
    workstream.refresh_from_db()
    assert workstream.summary == "Second try"


def test_an_editor_corrects_a_resource_in_sign_off(client, roles):
    resource = Resource.objects.live().filter(external_url__gt="").first()
    url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    client.force_login(roles["editor"])
    client.post(url, resource_form_data(resource, title="First try", **{"action-submit": "1"}))
    first = Resource.objects.get(pk=resource.pk).current_workflow_task_state
    response = client.post(url, resource_form_data(resource, title="Second try"), follow=True)
    assert "goes back to the safeguarding leads" in messages_of(response)
    resource = Resource.objects.get(pk=resource.pk)
    assert resource.current_workflow_task_state.pk != first.pk
    assert resource.current_workflow_task_state.revision_id == resource.latest_revision_id


def test_request_changes_needs_a_comment_which_the_editor_sees_on_their_form(
    client, roles, workstream
):
    state = submit(client, roles["editor"], workstream, summary="Sleep however")
    client.force_login(roles["lead"])
    action_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[workstream.pk, "reject", state.current_task_state.pk],
    )
    response = client.post(
        action_url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert "Say what needs to change" in json.loads(response.content)["html"]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.post(action_url, {"comment": "Babies sleep on their backs: put that back."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(roles["editor"])
    html = BeautifulSoup(client.get(edit_url(workstream)).content, "html.parser")
    notice = html.select_one("[data-changes-requested]")
    assert "Leah asked for changes" in notice.get_text(" ", strip=True)
    assert "Babies sleep on their backs: put that back." in notice.get_text(" ", strip=True)
    # It comes before the first field of the form, where the editor starts reading.
    form_text = html.select_one("form[action$='/edit/']").get_text(" ")
    assert form_text.index("put that back") < form_text.index("Title")


def test_the_notices_are_hidden_when_there_is_nothing_to_say(client, roles, workstream):
    client.force_login(roles["editor"])
    html = BeautifulSoup(client.get(edit_url(workstream)).content, "html.parser")
    assert html.select_one("[data-changes-requested]") is None
    assert "Still missing" not in html.get_text(" ")
    workstream.missing_information = "The GP address"
    workstream.save_revision()
    html = BeautifulSoup(client.get(edit_url(workstream)).content, "html.parser")
    assert "The GP address" in html.select_one(".help-warning").get_text(" ")


def test_approval_is_a_review_unless_the_lead_unticks_it(client, roles, workstream):
    submit(client, roles["editor"], workstream, summary="Reviewed with the approval")
    approval = approve_from_the_form(client, roles["lead"], workstream, counts_as_review=True)
    workstream.refresh_from_db()
    assert workstream.live and workstream.summary == "Reviewed with the approval"
    assert workstream.last_reviewed == timezone.localdate()
    assert "has been approved and published" in approval.said

    other = roles["workstreams"][2]
    WorkstreamPage.objects.filter(pk=other.pk).update(last_reviewed=datetime.date(2025, 3, 1))
    other.refresh_from_db()
    submit(client, roles["editor"], other, summary="Only a typo fixed")
    approve_from_the_form(client, roles["lead"], other, counts_as_review=False)
    other.refresh_from_db()
    assert other.summary == "Only a typo fixed"
    assert other.last_reviewed == datetime.date(2025, 3, 1)


def test_the_dialog_asks_whether_the_approval_is_a_review(client, roles, workstream):
    state = submit(client, roles["editor"], workstream)
    url, html = approval_dialog(client, roles["lead"], workstream, state)
    box = html.find("input", attrs={"name": "counts_as_review"})
    assert box.has_attr("checked")
    assert html.find("input", attrs={"name": "publish_with_missing_information"}) is None


def test_the_dialog_says_which_version_it_approves(client, roles, workstream):
    state = submit(client, roles["editor"], workstream, summary="The version Edna sent")
    url, html = approval_dialog(client, roles["lead"], workstream, state)
    saved = timezone.localtime(state.current_task_state.revision.created_at)
    assert f"You are approving the version Edna saved on {saved:%-d %B %Y, %H:%M}." in (
        " ".join(html.get_text(" ").split())
    )
    # The version's token: this review, this version, a hash of what it says.
    token = html.find("input", attrs={"name": "approving"})["value"]
    task_state_id, revision_id, digest = token.split(":")
    assert (int(task_state_id), int(revision_id)) == (
        state.current_task_state.pk,
        state.current_task_state.revision_id,
    )
    assert len(digest) == 64


def test_approving_with_missing_information_must_be_confirmed(client, roles, workstream):
    state = submit(client, roles["editor"], workstream, missing_information="The helpline hours")
    url, html = approval_dialog(client, roles["lead"], workstream, state)
    assert "The helpline hours" in html.select_one("[data-still-missing]").get_text(" ")
    # Approving stays unavailable until "Publish it anyway" is ticked (Wagtail's w-rules).
    button = html.select_one("form button[type=submit]")
    assert button.has_attr("disabled")
    assert json.loads(button["data-w-rules"]) == {"publish_with_missing_information": ["on"]}
    hidden = {field["name"]: field["value"] for field in html.select("form input[type=hidden]")}
    assert hidden["has_missing_information"] == "on"

    ajax = {"x-requested-with": "XMLHttpRequest"}
    refused = client.post(url, hidden, headers=ajax)
    assert json.loads(refused.content)["step"] == "action"
    assert "Tick the box to publish it anyway" in json.loads(refused.content)["html"]

    confirmed = client.post(url, {**hidden, "publish_with_missing_information": "on"}, headers=ajax)
    assert json.loads(confirmed.content)["step"] == "success"


def test_a_lead_is_offered_one_way_to_publish(client, roles, workstream):
    submit(client, roles["editor"], workstream)
    client.force_login(roles["lead"])
    html = BeautifulSoup(client.get(edit_url(workstream)).content, "html.parser")
    assert html.find("button", attrs={"name": "action-publish"}) is None
    labels = [" ".join(b.get_text(" ").split()) for b in html.select("footer button")]
    assert "Approve and publish" in labels
    assert not any("Approve and Publish" in label for label in labels)
    cancel = html.find(attrs={"name": "action-cancel-workflow"})
    assert "Take out of sign-off" in cancel.get_text(" ")

    # Outside sign-off a lead publishes with the one "Publish" button.
    other = roles["workstreams"][2]
    html = BeautifulSoup(client.get(edit_url(other)).content, "html.parser")
    assert html.find("button", attrs={"name": "action-publish"}) is not None


def test_messages_use_the_teams_words(client, roles, workstream):
    client.force_login(roles["editor"])
    response = client.post(
        edit_url(workstream),
        workstream_form_data(workstream, **{"action-submit": "1"}),
        follow=True,
    )
    said = messages_of(response)
    assert "sent to the safeguarding leads for sign-off" in said
    assert "moderation" not in said

    client.force_login(roles["lead"])
    response = client.post(
        edit_url(workstream),
        workstream_form_data(
            workstream,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": "reject",
                "workflow-action-extra-data": json.dumps({"comment": "Add the sources."}),
            },
        ),
        follow=True,
    )
    said = messages_of(response)
    assert "Changes requested on 'Safer sleeping'" in said
    assert "rejected" not in said.lower() and "updated" not in said


def test_the_dashboard_says_which_items_are_pages_and_which_resources(client, roles, workstream):
    submit(client, roles["editor"], workstream)
    resource = Resource.objects.live().filter(external_url__gt="").first()
    client.post(
        reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
        resource_form_data(resource, **{"action-submit": "1"}),
    )
    client.force_login(roles["lead"])
    html = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    rows = {
        " ".join(row.get_text(" ").split())
        for row in html.select("table tbody tr")
        if "Review and sign off" in row.get_text()
    }
    assert any("Safer sleeping" in row and "Page" in row for row in rows)
    assert any(resource.title in row and "Resource" in row for row in rows)


def test_an_empty_field_in_a_block_is_caught_when_a_draft_is_saved(client, roles, workstream):
    client.force_login(roles["editor"])
    body = streamfield([("quote", {"quote": "", "attribution": "A health visitor"})])
    response = client.post(
        edit_url(workstream),
        workstream_form_data(workstream, summary="Typed before the error", body=body),
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert "could not be saved" in text_of(response)
    assert html.find("input", attrs={"name": "summary"})["value"] == "Typed before the error"
    assert "A health visitor" in response.content.decode()
    workstream.refresh_from_db()
    assert workstream.get_latest_revision_as_object().summary != "Typed before the error"


def test_a_draft_may_still_leave_a_page_field_for_later(client, roles, workstream):
    client.force_login(roles["editor"])
    response = client.post(edit_url(workstream), workstream_form_data(workstream, summary=""))
    assert response.status_code == 302


def test_nothing_is_saved_behind_the_editors_back(client, roles, workstream):
    """Wagtail 7.4 autosaves every half second by default; here only Save draft saves (each
    save is a version a lead may approve)."""
    client.force_login(roles["editor"])
    resource = Resource.objects.first()
    for url in (
        edit_url(workstream),
        reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
        reverse(
            "wagtailadmin_pages:add",
            args=["strategy", "workstreampage", workstream.get_parent().pk],
        ),
    ):
        html = client.get(url).content.decode()
        assert "data-w-autosave-interval-value" not in html


def test_an_approval_carrying_another_review_s_token_approves_nothing(client, roles, workstream):
    """The task checks the token against its own review, whatever the form checked before."""
    other = roles["workstreams"][2]
    WorkstreamPage.objects.filter(pk=other.pk).update(missing_information="")
    submit(client, roles["editor"], workstream, summary="Waiting here")
    submit(client, roles["editor"], other, summary="Waiting there")
    here = open_for_approval(client, roles["lead"], workstream)
    there = open_for_approval(client, roles["lead"], other)
    here.dialog["approving"] = there.dialog["approving"]

    approval = approve(client, roles["lead"], here)
    assert "'Safer sleeping' was not approved: it changed after you opened it" in approval.said
    assert WorkstreamPage.objects.get(pk=workstream.pk).workflow_in_progress
    assert WorkstreamPage.objects.get(pk=other.pk).workflow_in_progress
