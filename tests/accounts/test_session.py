"""The admin session: the browser's "still signed in?" (which restarts the idle hour) answers a
signed-in user and sends anyone else to sign in; a form posted back after signing in again
(what was typed before the session ended) is shown again with a message and saves nothing."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site

from core.admin_forms import RESTORE_FIELD
from helpline.models import HelplineSettings
from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.factories import ResourceFactory, WorkstreamPageFactory
from tests.support.users import (
    helpline_form_data,
    make_editor,
    make_lead,
    resource_form_data,
    workstream_form_data,
)

pytestmark = pytest.mark.django_db

TYPED = "Words typed before the session ended, and not to be lost."


def test_a_signed_in_user_is_told_so_and_the_idle_hour_starts_again(client):
    editor = make_editor()
    client.force_login(editor)
    response = client.get(reverse("admin_session"), headers={"accept": "application/json"})
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "signed_in": True,
        "user": editor.pk,
        "seconds_left": 3600,
    }
    assert "no-cache" in response["Cache-Control"]
    # The session was saved again, so it lasts another hour from now.
    assert response.cookies["sessionid"].value


def test_anyone_else_is_sent_to_sign_in(client):
    response = client.get(reverse("admin_session"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def messages_of(response):
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(html.select_one(".messages").get_text(" ").split())


def test_a_page_posted_back_after_signing_in_is_shown_again_and_not_saved(client, site):
    workstream = WorkstreamPageFactory(parent=site.root_page, number=3)
    client.force_login(make_editor())
    revisions = workstream.revisions.count()
    data = workstream_form_data(workstream, summary=TYPED)
    data[RESTORE_FIELD] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[workstream.pk]), data)
    assert response.status_code == 200
    assert "What you typed before you were signed out is back." in messages_of(response)
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("input[name=summary]")["value"] == TYPED
    assert workstream.revisions.count() == revisions
    assert WorkstreamPage.objects.get(pk=workstream.pk).summary != TYPED


def test_a_resource_and_the_helpline_posted_back_are_not_saved_either(client, site):
    client.force_login(make_lead())
    resource = ResourceFactory()
    resource.save_revision().publish()
    data = resource_form_data(resource, title=TYPED)
    data[RESTORE_FIELD] = "1"
    url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "What you typed before you were signed out is back." in messages_of(response)
    assert Resource.objects.get(pk=resource.pk).latest_revision.as_object().title != TYPED

    site = Site.objects.get(is_default_site=True)
    data = helpline_form_data(HelplineSettings.objects.get(), heading=TYPED[:100])
    data[RESTORE_FIELD] = "1"
    url = reverse("wagtailsettings:edit", args=["helpline", "helplinesettings", site.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "What you typed before you were signed out is back." in messages_of(response)
    assert HelplineSettings.objects.get().heading != TYPED[:100]
