"""Quieter: the leads are emailed at once when something is submitted, once more when it is
resubmitted after changes were requested, but not for every save while it waits (one email per
item per quiet hour)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState

from editorial.notifications import QUIET_MINUTES
from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.users import make_editor, make_lead, workstream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(launch_content):
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead(), "lena": make_lead("lena")}


def emails_to_leads(people):
    leads = {people["lead"].email, people["lena"].email}
    return [message for message in mail.outbox if leads & set(message.to)]


def save(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, workstream_form_data(page, **changes))
    assert response.status_code == 302


def test_saves_while_it_waits_email_the_leads_once_per_quiet_hour(client, people, launch_content):
    page = WorkstreamPage.objects.get(pk=launch_content["workstreams"][3].pk)
    client.force_login(people["editor"])
    save(client, page, summary="First try", **{"action-submit": "1"})
    first = len(emails_to_leads(people))
    assert first >= 1  # the submission: at once

    for summary in ("Second try", "Third try", "Fourth try"):
        save(client, page, summary=summary)
    assert len(emails_to_leads(people)) == first  # three saves, no new email
    latest = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).get()
    assert latest.revision_id == WorkstreamPage.objects.get(pk=page.pk).latest_revision_id

    # After an hour's quiet, the next save tells them again.
    TaskState.objects.update(
        started_at=latest.started_at - datetime.timedelta(minutes=QUIET_MINUTES + 1)
    )
    save(client, page, summary="Fifth try")
    assert len(emails_to_leads(people)) == 2 * first


def test_a_resubmission_after_changes_were_requested_is_emailed_at_once(
    client, people, launch_content
):
    page = WorkstreamPage.objects.get(pk=launch_content["workstreams"][3].pk)
    client.force_login(people["editor"])
    save(client, page, summary="First try", **{"action-submit": "1"})
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(people["lead"])
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "Say which mattress: firm and flat."},
    )
    before = len(emails_to_leads(people))
    client.force_login(people["editor"])
    save(client, page, summary="Second try", **{"action-submit": "1"})
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count() == 1
    assert len(emails_to_leads(people)) > before  # within minutes, and still at once
