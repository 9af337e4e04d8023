"""Sign-off reads as one workflow in the team's words: one name for the step, one way to
resubmit, a history that says who submitted, asked for changes, resubmitted and approved, the
review's actions first in a lead's menu, and no error badge where there is no error."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Task

from protecting_babies.roles import WORKFLOW_NAME, setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.sign_off import approve, edit_url, open_for_approval, submit
from tests.support.users import make_editor, make_lead, workstream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(launch_content):
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead(), **launch_content}


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
