"""A redirect a lead adds goes somewhere, and from an address that has no live page: one with no
target, or from a live page's own address (never used: redirects apply where there is no page),
is refused with a message next to the form, and nothing is saved."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from tests.support.factories import ResourceIndexPageFactory, WorkstreamPageFactory
from tests.support.users import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_client(client, site):
    client.force_login(make_lead())
    return client


def redirect_data(old_path, page=None, link=""):
    return {
        "old_path": old_path,
        "site": "",
        "is_permanent": "on",
        "redirect_page": page.pk if page else "",
        "redirect_page_route_path": "",
        "redirect_link": link,
    }


def errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    found = html.select(".error-message, .help-critical, .messages .error")
    return " ".join(" ".join(error.get_text(" ").split()) for error in found)


def test_a_redirect_with_nowhere_to_go_is_refused(lead_client):
    response = lead_client.post(reverse("wagtailredirects:add"), redirect_data("/old-leaflet"))
    assert response.status_code == 200
    assert "Say where this redirect sends visitors" in errors(response)
    assert not Redirect.objects.filter(old_path="/old-leaflet").exists()


@pytest.mark.parametrize("old_path", ["/all-babies-cry/", "/all-babies-cry", "all-babies-cry"])
def test_a_redirect_from_a_live_pages_address_is_refused(lead_client, site, old_path):
    target = WorkstreamPageFactory(
        parent=site.root_page, title="All Babies Cry", slug="all-babies-cry"
    )
    response = lead_client.post(
        reverse("wagtailredirects:add"), redirect_data(old_path, page=target)
    )
    assert response.status_code == 200
    message = errors(response)
    assert "is the address of the live page “All Babies Cry”" in message
    assert "this redirect would never be used" in message
    assert not Redirect.objects.filter(old_path="/all-babies-cry").exists()


def test_a_redirect_from_an_unused_address_to_a_page_or_a_link_is_kept(lead_client, site):
    target = WorkstreamPageFactory(parent=site.root_page)
    ResourceIndexPageFactory(parent=site.root_page)  # at /useful-resources/
    add = reverse("wagtailredirects:add")
    assert lead_client.post(add, redirect_data("/safer-sleep", page=target)).status_code == 302
    link = "https://www.lullabytrust.org.uk/"
    assert lead_client.post(add, redirect_data("/lullaby", link=link)).status_code == 302
    assert Redirect.objects.get(old_path="/safer-sleep").redirect_page_id == target.pk
    # Changing one to have no target, or to a live page's address, is refused too.
    redirect = Redirect.objects.get(old_path="/lullaby")
    edit = reverse("wagtailredirects:edit", args=[redirect.pk])
    response = lead_client.post(edit, redirect_data("/lullaby"))
    assert "Say where this redirect sends visitors" in errors(response)
    response = lead_client.post(edit, redirect_data("/useful-resources/", link=link))
    assert "is the address of the live page “Useful resources”" in errors(response)
    assert Redirect.objects.get(pk=redirect.pk).old_path == "/lullaby"
    assert Redirect.objects.get(pk=redirect.pk).redirect_link == link
