"""Go-live and expiry dates, applied by `manage.py publish_scheduled`."""

import datetime
import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.support.factories import ResourceFactory, StandardPageFactory, WorkstreamPageFactory
from tests.support.users import make_lead, resource_form_data, workstream_form_data

pytestmark = pytest.mark.django_db


def publish_scheduled(at):
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled", stdout=io.StringIO())


def test_a_scheduled_page_goes_live_when_its_time_comes(client, site):
    lead = make_lead()
    page = WorkstreamPageFactory(
        parent=site.root_page, number=1, title="Preventing non-accidental injuries"
    )
    go_live = timezone.now() + datetime.timedelta(hours=2)
    client.force_login(lead)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        workstream_form_data(
            page,
            title="Preventing injuries: the new advice",
            go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Preventing non-accidental injuries"
    assert page.get_latest_revision().approved_go_live_at is not None
    client.logout()
    assert "the new advice" not in client.get(page.url).content.decode()

    publish_scheduled(at=go_live - datetime.timedelta(minutes=5))
    page.refresh_from_db()
    assert page.title == "Preventing non-accidental injuries"

    publish_scheduled(at=go_live + datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.title == "Preventing injuries: the new advice"
    assert "the new advice" in client.get(page.url).content.decode()


def test_a_page_past_its_expiry_date_is_taken_down(client, site):
    page = StandardPageFactory(parent=site.root_page)
    expire = timezone.now() + datetime.timedelta(days=1)
    type(page).objects.filter(pk=page.pk).update(expire_at=expire)
    assert client.get(page.url).status_code == 200
    publish_scheduled(at=expire + datetime.timedelta(minutes=1))
    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert client.get(page.url).status_code == 404


def test_a_scheduled_resource_goes_live(site):
    resource = ResourceFactory()
    resource.save_revision().publish()
    resource.refresh_from_db()
    resource.title = "Scheduled resource title"
    resource.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    resource.save_revision().publish()
    resource.refresh_from_db()
    assert resource.title != "Scheduled resource title"
    publish_scheduled(at=timezone.now() + datetime.timedelta(hours=2))
    resource.refresh_from_db()
    assert resource.title == "Scheduled resource title"


def test_a_lead_schedules_a_resource_in_the_admin(client, site):
    resource = ResourceFactory()
    resource.save_revision().publish()
    resource.refresh_from_db()
    edit_url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    client.force_login(make_lead())
    assert b"Set schedule" in client.get(edit_url).content
    go_live = timezone.now() + datetime.timedelta(days=1)
    response = client.post(
        edit_url,
        resource_form_data(
            resource,
            title="Next week's resource title",
            go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title != "Next week's resource title"
    publish_scheduled(at=go_live + datetime.timedelta(minutes=1))
    resource.refresh_from_db()
    assert resource.title == "Next week's resource title"


def test_the_schedule_dialog_says_its_time_zone_for_pages_and_resources(client, site):
    client.force_login(make_lead())
    resource = ResourceFactory()
    for url in (
        reverse("wagtailadmin_pages:edit", args=[WorkstreamPageFactory(parent=site.root_page).pk]),
        reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        # The dialog is teleported into the form from a <template>: its text is in there.
        soup = BeautifulSoup(response.content, "html.parser")
        dialog = soup.find(id="schedule-publishing-dialog").find_parent("template")
        assert dialog is not None, url
        words = BeautifulSoup(dialog.decode_contents(), "html.parser").get_text(" ", strip=True)
        assert "Times are UK time (Europe/London)" in words, url
        assert "BST" in words
