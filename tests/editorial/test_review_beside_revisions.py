"""Review data lives beside revisions, not in them (issue 26, item 3): "Confirm reviewed" sets
the date on the live row and rewrites no stored version; a draft saved before the confirmation
and published after it keeps the confirmed date; the undo still puts the old date back."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.users import make_lead, resource_form_data, workstream_form_data

pytestmark = pytest.mark.django_db

OLD = datetime.date(2024, 1, 31)


def stored(revision):
    """A revision's content exactly as stored, as JSON text."""
    content = Revision.objects.filter(pk=revision.pk).values_list("content", flat=True).get()
    return json.dumps(content, sort_keys=True)


def form_value(client, url, name):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.select_one(f"input[name={name}]")["value"]


def test_a_page_s_draft_published_after_its_review_keeps_the_confirmed_date(client, launch_content):
    page = launch_content["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=OLD)
    page.refresh_from_db()
    lead = make_lead()
    client.force_login(lead)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(
        edit_url, workstream_form_data(page, title="A draft saved before the review")
    )
    assert response.status_code == 302
    draft = WorkstreamPage.objects.get(pk=page.pk).get_latest_revision()
    assert draft.content["last_reviewed"] == OLD.isoformat()
    before = stored(draft)

    client.post(reverse("review_confirm_page", args=[page.pk]))
    today = timezone.localdate()
    assert stored(draft) == before  # the stored version is not rewritten
    assert WorkstreamPage.objects.get(pk=page.pk).last_reviewed == today
    assert form_value(client, edit_url, "last_reviewed") == f"{today:%d/%m/%Y}"

    # The draft, saved with the old date, is published (as an approval publishes it).
    Revision.objects.get(pk=draft.pk).publish(user=lead)
    page.refresh_from_db()
    assert page.title == "A draft saved before the review"
    assert page.last_reviewed == today
    assert stored(draft) == before
    assert form_value(client, edit_url, "last_reviewed") == f"{today:%d/%m/%Y}"
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    dates = html.select_one(".app-review-dates").get_text(" ", strip=True)
    assert f"Last reviewed {today:%-d %B %Y}" in dates


def test_the_undo_still_puts_the_old_date_back(client, launch_content):
    page = launch_content["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=OLD)
    page.refresh_from_db()
    client.force_login(make_lead())
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        workstream_form_data(page, title="A draft saved before the review"),
    )
    draft = WorkstreamPage.objects.get(pk=page.pk).get_latest_revision()
    before = stored(draft)
    client.post(reverse("review_confirm_page", args=[page.pk]))
    client.post(reverse("review_undo_page", args=[page.pk]))
    assert WorkstreamPage.objects.get(pk=page.pk).last_reviewed == OLD
    assert stored(draft) == before
    Revision.objects.get(pk=draft.pk).publish()
    assert WorkstreamPage.objects.get(pk=page.pk).last_reviewed == OLD


def test_a_resource_s_draft_published_after_its_review_keeps_the_confirmed_date(
    client, launch_content
):
    resource = Resource.objects.live().filter(external_url__gt="").first()
    Resource.objects.filter(pk=resource.pk).update(last_reviewed=OLD)
    resource.refresh_from_db()
    lead = make_lead()
    client.force_login(lead)
    edit_url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    client.post(edit_url, resource_form_data(resource, title="A draft saved before the review"))
    resource.refresh_from_db()
    draft = resource.latest_revision
    assert draft.content["last_reviewed"] == OLD.isoformat()
    before = stored(draft)

    client.post(reverse("review_confirm_resource", args=[resource.pk]))
    today = timezone.localdate()
    assert stored(draft) == before
    Revision.objects.get(pk=draft.pk).publish(user=lead)
    resource.refresh_from_db()
    assert resource.title == "A draft saved before the review"
    assert resource.last_reviewed == today
    assert form_value(client, edit_url, "last_reviewed") == f"{today:%d/%m/%Y}"


def test_a_lead_s_date_typed_in_the_form_is_kept(client, launch_content):
    """The form's "Last reviewed" still works: set on the live row at once."""
    page = launch_content["workstreams"][3]
    client.force_login(make_lead())
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit_url, workstream_form_data(page, last_reviewed="2025-06-02"))
    assert WorkstreamPage.objects.get(pk=page.pk).last_reviewed == datetime.date(2025, 6, 2)
    assert form_value(client, edit_url, "last_reviewed") == "02/06/2025"
