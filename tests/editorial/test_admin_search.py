"""The admin's search finds what editors remember of a page or a resource: words from its
body or description, as they type, and (on PostgreSQL) a close misspelling."""

from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse

from resources.choices import Format
from resources.models import Resource
from tests.support.factories import StandardPageFactory
from tests.support.users import make_editor


def titles(response, selector):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(" ", strip=True) for link in soup.select(selector)]


def page_results(client, q):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": q})
    assert response.status_code == 200
    return " ".join(titles(response, "table.listing td.title a, .listing .title-wrapper a"))


def resource_results(client, q):
    url = reverse("wagtailsnippets_resources_resource:list")
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return " ".join(titles(response, "table.listing td a"))


def test_words_from_a_page_s_body_find_it_in_the_admin(client, launch_content):
    client.force_login(make_editor())
    assert "Safer sleep for your baby" in page_results(client, "Lullaby")
    assert "Safer sleep for your baby" in page_results(client, "lullab")  # as it is typed
    body = [("text", "<p>Carry your baby in a sling that keeps their face visible.</p>")]
    StandardPageFactory(parent=launch_content["strategy"], title="Carrying safely", body=body)
    assert "Carrying safely" in page_results(client, "sling")


def test_words_from_a_resource_s_description_find_it_in_the_admin(client, launch_content):
    client.force_login(make_editor())
    Resource.objects.create(
        title="Carrying your baby",
        description="Choosing and using a sling or baby carrier safely.",
        format=Format.LEAFLET,
        for_parents=True,
        external_url="https://example.org/carrying",
        live=True,
    )
    assert "Carrying your baby" in resource_results(client, "sling")
    assert "Carrying your baby" in resource_results(client, "carri")


def test_the_admin_s_search_offers_the_resources_too(client, launch_content):
    client.force_login(make_editor())
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "sleep"})
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("a", href=lambda h: h and "/admin/snippets/resources/resource/" in h)
    assert link is not None
    assert "Resources" in link.get_text(" ", strip=True)


def test_a_misspelling_still_finds_the_page_on_postgresql(client, launch_content):
    client.force_login(make_editor())
    found = page_results(client, "Lulaby")
    if connection.vendor == "postgresql":
        assert "Safer sleep for your baby" in found
    else:
        # SQLite's full-text search has no typo tolerance: the fallback is whole words only.
        assert "Safer sleep for your baby" not in found
