"""An Editor refused by the admin sees who can do it, not "Sorry, you do not have permission"."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import WorkflowState

from editorial.roles import setup_editorial_workflow
from helpline.models import HelplineSettings
from sitechrome.models import SiteLinks
from tests.support.users import make_editor, make_lead, workstream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(launch_content):
    setup_editorial_workflow()
    make_lead("leah")
    return make_editor()


def refusal(response):
    assert response.status_code == 403
    html = BeautifulSoup(response.content, "html.parser")
    text = " ".join(html.get_text(" ").split())
    assert "Sorry, you do not have permission" not in text
    assert "The safeguarding leads are: Leah." in text
    return text


def settings_url(model, row):
    return reverse("wagtailsettings:edit", args=[row._meta.app_label, model, row.site_id])


def test_the_helpline(client, editor):
    client.force_login(editor)
    text = refusal(client.get(settings_url("helplinesettings", HelplineSettings.objects.get())))
    assert "Only safeguarding leads can change the helpline: ask one of them." in text


def test_the_site_links(client, editor):
    client.force_login(editor)
    text = refusal(client.get(settings_url("sitelinks", SiteLinks.objects.get())))
    assert "Only safeguarding leads can change the site links" in text


def test_an_approval(client, editor, launch_content):
    page = launch_content["workstreams"][3]
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        workstream_form_data(page, **{"action-submit": "1"}),
    )
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    text = refusal(client.post(url, {"comment": ""}))
    assert "Only safeguarding leads can approve or request changes" in text
    page.refresh_from_db()
    assert page.has_unpublished_changes


def test_unpublishing(client, editor, launch_content):
    page = launch_content["workstreams"][3]
    client.force_login(editor)
    text = refusal(client.get(reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
    assert "Only safeguarding leads can take something off the site" in text
    page.refresh_from_db()
    assert page.live


def test_redirects(client, editor):
    client.force_login(editor)
    text = refusal(client.get(reverse("wagtailredirects:index")))
    assert "Only safeguarding leads can add or change redirects" in text


def test_confirming_a_review(client, editor, launch_content):
    page = launch_content["workstreams"][3]
    client.force_login(editor)
    text = refusal(client.get(reverse("review_confirm_page", args=[page.pk])))
    assert "Only safeguarding leads can confirm that advice is still right" in text


def test_a_lead_is_not_refused(client, editor):
    client.force_login(make_lead("lena"))
    response = client.get(settings_url("helplinesettings", HelplineSettings.objects.get()))
    assert response.status_code == 200
