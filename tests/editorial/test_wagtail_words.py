"""The admin's refusals and messages follow what Wagtail does, not its English (issue 26,
item 2): with Wagtail's sentences reworded (as an upgrade or a translation would), an Editor
refused still sees who can do it, and a sign-off action is still said in the team's words."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.admin import auth as wagtail_auth
from wagtail.admin.views.generic import mixins as generic_views
from wagtail.admin.views.pages import create as page_create_view
from wagtail.admin.views.pages import edit as page_edit_view

from helpline.models import HelplineSettings
from resources.models import Resource
from strategy.models import StandardPage, WorkstreamPage
from tests.support.users import resource_form_data, standard_page_form_data, workstream_form_data

pytestmark = pytest.mark.django_db


def reworded(text):
    """Wagtail's sentences as a later Wagtail might say them."""
    for old, new in (
        ("Sorry, you do not have permission to access this area.", "Access refused."),
        ("submitted for moderation", "sent for approval"),
        ("Workflow on", "Approval of"),
        ("has been cancelled", "was stopped"),
    ):
        text = text.replace(old, new)
    return text


@pytest.fixture
def wagtail_rewords(monkeypatch):
    for module in (wagtail_auth, page_edit_view, page_create_view, generic_views):
        monkeypatch.setattr(module, "_", reworded)


def said(response):
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(" ".join(li.get_text(" ").split()) for li in html.select(".messages li"))


def test_a_refusal_still_says_who_can(client, roles, wagtail_rewords):
    client.force_login(roles["editor"])
    helpline = HelplineSettings.objects.get()
    for url, reason in (
        (
            reverse("wagtailsettings:edit", args=["helpline", "helplinesettings", 1]),
            "Only safeguarding leads can change the helpline: ask one of them.",
        ),
        (reverse("wagtailredirects:index"), "Only safeguarding leads can add or change redirects"),
    ):
        response = client.get(url.replace("/1/", f"/{helpline.site_id}/"))
        assert response.status_code == 403
        text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
        assert reason in text
        assert "Access refused." not in text


def test_a_script_s_refusal_is_a_bare_403(client, roles):
    client.force_login(roles["editor"])
    response = client.get(
        reverse("wagtailredirects:index"), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 403
    assert b"safeguarding leads" not in response.content


def test_a_page_sent_for_sign_off_and_taken_out_again(client, roles, wagtail_rewords):
    page = roles["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(missing_information="")
    page.refresh_from_db()
    client.force_login(roles["editor"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, workstream_form_data(page, **{"action-submit": "1"}), follow=True)
    words = said(response)
    assert "Page 'Safer sleeping' has been sent to the safeguarding leads for sign-off." in words
    assert "approval" not in words
    # Wagtail's buttons stay with the team's sentence.
    buttons = BeautifulSoup(response.content, "html.parser").select(".messages li a")
    assert [a.get_text(strip=True) for a in buttons] == ["View draft", "Edit"]

    response = client.post(
        url, workstream_form_data(page, **{"action-cancel-workflow": "1"}), follow=True
    )
    words = said(response)
    assert "Page 'Safer sleeping' is out of sign-off: it is a draft again." in words
    assert "Approval" not in words


def test_a_new_page_sent_for_sign_off(client, roles, wagtail_rewords):
    home = roles["strategy"]
    page = StandardPage(title="A new page", slug="a-new-page", summary="New.")
    client.force_login(roles["editor"])
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["strategy", "standardpage", home.pk]),
        standard_page_form_data(page, **{"action-submit": "1"}),
        follow=True,
    )
    words = said(response)
    assert "Page 'A new page' created and sent to the safeguarding leads for sign-off." in words
    assert "approval" not in words


def test_a_resource_sent_for_sign_off_and_taken_out_again(client, roles, wagtail_rewords):
    resource = Resource.objects.live().filter(external_url__gt="").first()
    Resource.objects.filter(pk=resource.pk).update(missing_information="")
    resource.refresh_from_db()
    client.force_login(roles["editor"])
    url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    response = client.post(url, resource_form_data(resource, **{"action-submit": "1"}), follow=True)
    words = said(response)
    assert f"Resource '{resource.title}' has been sent to the safeguarding leads" in words
    assert "approval" not in words
    response = client.post(
        url, resource_form_data(resource, **{"action-cancel-workflow": "1"}), follow=True
    )
    words = said(response)
    assert f"Resource '{resource.title}' is out of sign-off: it is a draft again." in words


def test_a_view_that_imported_wagtail_s_refusal_still_says_who_can(client, roles):
    """Wagtail's search terms report calls the `permission_denied` it imported by name: it is
    imported after the app replaced it, so it refuses with the same page."""
    client.force_login(roles["editor"])
    response = client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert response.status_code == 403
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
    assert "Safeguarding leads and administrators can: ask one." in text
