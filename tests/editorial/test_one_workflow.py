"""Sign-off reads as one workflow in the team's words: one name for the step, one way to
resubmit, a history that says who submitted, asked for changes, resubmitted and approved, the
review's actions first in a lead's menu, and no error badge where there is no error."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Task

from editorial.roles import WORKFLOW_NAME
from resources.choices import Format
from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.sign_off import (
    AJAX,
    approve,
    dialog_fields,
    edit_url,
    open_for_approval,
    public_text,
    submit,
)
from tests.support.users import resource_form_data, workstream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def workstream(roles):
    page = roles["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(missing_information="")
    page.refresh_from_db()
    return page


def html_of(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def menu_labels(html):
    """The footer's action menu: its default button, then the menu's items, in order."""
    labels = [
        " ".join(item.get_text(" ").split()) for item in html.select("footer button, footer a")
    ]
    return [label for label in labels if label and label != "More actions"]


def request_changes(client, lead, page, comment):
    client.force_login(lead)
    return client.post(
        edit_url(page),
        workstream_form_data(
            page,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": "reject",
                "workflow-action-extra-data": json.dumps({"comment": comment}),
            },
        ),
    )


def history(client, page):
    html = html_of(client, reverse("wagtailadmin_pages:history", args=[page.pk]))
    return [" ".join(row.get_text(" ").split()) for row in html.select("table tbody tr")]


def test_the_step_has_one_name(roles):
    names = set(Task.objects.filter(active=True).values_list("name", flat=True))
    assert names == {WORKFLOW_NAME} == {"Safeguarding sign-off"}


def test_the_history_reads_in_the_team_s_words(client, roles, workstream):
    editor, lead = roles["editor"], roles["lead"]
    submit(client, editor, workstream)
    request_changes(client, lead, workstream, "Say which mattress.")

    client.force_login(editor)
    html = html_of(client, edit_url(workstream))
    # One way back to the lead, named as the notice at the top of the form names it.
    labels = menu_labels(html)
    assert labels.count("Resubmit for sign-off") == 1
    assert not any("Resubmit to" in label or "Restart" in label for label in labels)
    assert html.find(attrs={"name": "action-restart-workflow"}) is None
    assert "Resubmit for sign-off" in html.select_one("[data-changes-requested]").get_text()
    response = client.post(
        edit_url(workstream), workstream_form_data(workstream, **{"action-submit": "1"})
    )
    assert response.status_code == 302

    opened = open_for_approval(client, lead, workstream)
    assert "approved and published" in approve(client, lead, opened).said

    lines = history(client, workstream)
    sign_off = [line for line in lines if " by " in line]
    assert sign_off[:4] == [
        "Approved and published by Leah Leah Just now",
        "Resubmitted by Edna Edna Just now",
        "Changes requested by Leah Comment: Say which mattress. Leah Just now",
        "Submitted for sign-off by Edna Edna Just now",
    ]
    text = " ".join(lines)
    for wagtail_says in ("Cancelled", "Rejected", "started", "Workflow", "lead approval"):
        assert wagtail_says not in text


def test_a_lead_reviewing_sees_the_review_before_unpublish(client, roles, workstream):
    submit(client, roles["editor"], workstream)
    client.force_login(roles["lead"])
    labels = menu_labels(html_of(client, edit_url(workstream)))
    assert labels == [
        "Save draft",
        "Approve and publish",
        "Request changes",
        "Unpublish",
        "Take out of sign-off",
    ]


def test_a_request_for_changes_is_not_shown_as_an_error(client, roles, workstream):
    submit(client, roles["editor"], workstream)
    request_changes(client, roles["lead"], workstream, "Say which mattress.")
    client.force_login(roles["editor"])
    html = html_of(client, edit_url(workstream))
    assert "Say which mattress." in html.select_one("[data-changes-requested]").get_text()
    # What Wagtail counts as an error on a tab (its base template's error counter).
    assert html.select(".error-message, .help-critical") == []


def test_the_editor_is_told_at_submission_what_is_still_missing(client, roles, workstream):
    client.force_login(roles["editor"])
    response = client.post(
        edit_url(workstream),
        workstream_form_data(
            workstream, missing_information="The GP's address", **{"action-submit": "1"}
        ),
        follow=True,
    )
    said = " ".join(str(message) for message in response.context["messages"])
    assert "sent to the safeguarding leads for sign-off" in said
    assert "This page still says information is missing: The GP's address" in said


def compare_url(page, revision_id):
    return reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision_id])


def test_a_lead_approves_from_the_compare_screen(client, roles, workstream):
    new_summary = "Every sleep, on their back, in a clear cot."
    state = submit(client, roles["editor"], workstream, summary=new_summary)
    client.force_login(roles["lead"])
    html = html_of(client, compare_url(workstream, state.revision_id))
    box = html.select_one("[data-review-from-compare]")
    assert "Waiting for sign-off since" in box.get_text(" ")
    buttons = {b.get_text(strip=True): b["data-workflow-action-url"] for b in box.select("button")}
    assert list(buttons) == ["Approve and publish", "Request changes"]

    # The same dialog as on the edit form (its review token), posting back to the same place.
    url = buttons["Approve and publish"]
    dialog = BeautifulSoup(json.loads(client.get(url).content)["html"], "html.parser")
    assert dialog.find("form")["action"] == url
    answer = json.loads(client.post(url, dialog_fields(client, url), headers=AJAX).content)
    assert answer["step"] == "success"
    assert answer["redirect"] == edit_url(workstream)
    response = client.get(answer["redirect"])
    assert "'Safer sleeping' has been approved and published." in [
        str(message) for message in response.context["messages"]
    ]
    assert new_summary in public_text(workstream.url)


def test_the_compare_screen_offers_approval_only_of_the_version_waiting(client, roles, workstream):
    state = submit(client, roles["editor"], workstream, summary="First")
    older = state.revision_id
    submit_again = workstream_form_data(workstream, summary="Second")
    client.force_login(roles["editor"])
    client.post(edit_url(workstream), submit_again)  # a new version: the review starts again
    client.force_login(roles["lead"])
    box = html_of(client, compare_url(workstream, older)).select_one("[data-review-from-compare]")
    assert box.select("button") == []
    assert "This is not the version waiting for sign-off" in box.get_text(" ")

    # An editor sees where it stands, and no lead's buttons.
    client.force_login(roles["editor"])
    latest = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision()
    box = html_of(client, compare_url(workstream, latest.pk)).select_one(
        "[data-review-from-compare]"
    )
    assert "Waiting for sign-off since" in box.get_text(" ")
    assert box.select("button") == []


def test_a_resource_s_form_opens_its_document(client, roles):
    document = get_document_model().objects.create(
        title="Safer sleep leaflet", file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf")
    )
    resource = Resource.objects.create(
        title="Safer sleep leaflet",
        description="The leaflet.",
        for_parents=True,
        format=Format.LEAFLET,
        document=document,
    )
    client.force_login(roles["lead"])
    url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    link = html_of(client, url).select_one("[data-chosen-document] a")
    assert link["href"] == document.url
    assert "Open the document: Safer sleep leaflet" in link.get_text(" ")
    assert client.get(link["href"]).status_code == 200


def test_a_resource_s_header_says_it_waits_for_sign_off(client, roles):
    resource = Resource.objects.live().filter(external_url__gt="").first()
    url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    client.force_login(roles["editor"])
    assert html_of(client, url).select("[data-sign-off-badge]") == []
    client.post(url, resource_form_data(resource, **{"action-submit": "1"}))
    for user in (roles["editor"], roles["lead"]):
        client.force_login(user)
        badge = html_of(client, url).select_one("header [data-sign-off-badge]")
        assert badge.get_text(" ", strip=True).startswith("Waiting for sign-off")
        assert badge["data-w-tooltip-content-value"].startswith("Waiting for sign-off since")
        assert badge["data-w-tooltip-content-value"].endswith("(by Edna)")


def test_the_workflow_history_speaks_the_team_s_words(client, roles, workstream):
    state = submit(client, roles["editor"], workstream)
    request_changes(client, roles["lead"], workstream, "Say which mattress.")
    url = reverse(
        "wagtailadmin_pages:workflow_history_detail", args=[workstream.pk, state.workflow_state_id]
    )
    text = " ".join(html_of(client, url).get_text(" ").split())
    assert "Status Changes requested" in text
    assert "Changes requested by Leah" in text
    assert "Rejected" not in text and "REJECTED" not in text
