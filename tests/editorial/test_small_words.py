"""Small words in the admin (issue 27, item 9): each as an editor or a lead reads it."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from editorial.approval import ApproveForm
from resources.choices import Format
from resources.models import Resource
from strategy.models import StandardPage
from tests.support.users import make_editor, make_lead, resource_form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_admin_search_header_says_how_many_pages_not_none(client, launch_content):
    client.force_login(make_editor())
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "sleep"})
    header = " ".join(soup(response).select_one("table.listing thead").get_text(" ").split())
    assert "None" not in header
    assert re.search(r"1-\d+ of \d+ pages", header), header


def test_one_resource_matches_the_filters(client, launch_content):
    """One live resource in a format: "1 resource matches", two: "2 resources match"."""
    Resource.objects.filter(format=Format.TRAINING).delete()
    library = launch_content["library"]
    for count, words in (
        (1, "1 resource matches your filters"),
        (2, "2 resources match your filters"),
    ):
        Resource.objects.create(
            title=f"Training {count}",
            description="A course for professionals.",
            format=Format.TRAINING,
            for_professionals=True,
            external_url="https://example.org/training",
            live=True,
        )
        response = client.get(library.url, {"format": Format.TRAINING})
        assert soup(response).select_one("[role=status]").get_text(" ", strip=True) == words


def test_the_approval_dialog_does_not_call_a_resource_a_page():
    help_text = ApproveForm().fields["counts_as_review"].help_text
    assert "page" not in help_text
    assert help_text == "Untick when you checked only what changed, not all of it."


def test_saving_a_resource_unchanged_says_nothing_changed(client, launch_content):
    lead = make_lead()
    resource = Resource.objects.live().first()
    client.force_login(lead)
    url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    response = client.post(url, resource_form_data(resource), follow=True)
    said = " ".join(m.get_text(" ", strip=True) for m in soup(response).select(".messages li"))
    assert f"Nothing changed in '{resource.title}'" in said
    assert "updated" not in said

    response = client.post(url, resource_form_data(resource, title="A new title"), follow=True)
    said = " ".join(m.get_text(" ", strip=True) for m in soup(response).select(".messages li"))
    assert "Nothing changed" not in said


def test_the_compare_view_keeps_a_new_paragraph_apart_from_the_old(client, launch_content):
    page = StandardPage.objects.get(slug="privacy-notice")
    body = list(page.body.raw_data)
    block = next(b for b in body if b["type"] == "text")
    block["value"] = block["value"] + "<p>A new paragraph about cookies.</p>"
    page.body = json.dumps(body)
    revision = page.save_revision()
    client.force_login(make_lead())
    response = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk])
    )
    assert response.status_code == 200
    changes = "".join(td.get_text() for td in soup(response).select("td.comparison"))
    assert "A new paragraph about cookies." in changes
    assert not re.search(r"\SA new paragraph about cookies", changes)


def test_a_document_s_title_is_readable_not_its_file_name(
    client, launch_content, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(make_editor())
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("NSCP_safer-sleep_leaflet_v2.pdf", PDF),
            "title": "NSCP_safer-sleep_leaflet_v2",
        },
    )
    assert response.json()["success"] is True, response.json()
    document = get_document_model().objects.get()
    assert document.title == "NSCP safer sleep leaflet v2"

    # A title the editor wrote is kept as written.
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Safer sleep: a leaflet for parents",
            "file": SimpleUploadedFile("leaflet.pdf", PDF),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Safer sleep: a leaflet for parents").exists()
