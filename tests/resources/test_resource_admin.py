"""Resources in the admin: exactly one target, an audience, drafts, filters and search."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from resources.choices import Format
from resources.models import Resource
from tests.support.factories import ResourceFactory

ADD_URL = "/admin/snippets/resources/resource/add/"


def form_data(**overrides):
    data = {
        "title": "Safer sleep guide",
        "description": "How to put a baby down to sleep safely.",
        "for_parents": "on",
        "format": Format.GUIDE,
        "external_url": "https://example.org/safer-sleep",
        "review_every_months": "12",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def error_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        e.get_text(" ", strip=True) for e in soup.select(".error-message, .help-critical")
    )


@pytest.fixture
def document(db):

    return Document.objects.create(
        title="Guide", file=ContentFile(b"%PDF-1.4 test", name="guide.pdf")
    )


def test_an_editor_can_add_a_resource_as_a_draft(admin_client, launch_content):
    response = admin_client.post(ADD_URL, form_data())
    assert response.status_code == 302
    resource = Resource.objects.get(title="Safer sleep guide")
    assert not resource.live  # saved as a draft: nothing goes live without sign-off
    assert resource.revisions.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"external_url": ""},
            "Choose where the resource is: a website address, a document or a page.",
        ),
        ({"for_parents": None}, "Choose who the resource is for"),
        ({"external_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"format": "podcast"}, "Select a valid choice."),
    ],
)
def test_a_resource_without_a_valid_target_or_audience_is_refused_with_a_message(
    admin_client, launch_content, overrides, message
):
    response = admin_client.post(ADD_URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.filter(title="Safer sleep guide").exists()
    # What the editor typed is still in the form.
    assert "How to put a baby down to sleep safely." in response.content.decode()


def test_two_targets_are_refused(admin_client, launch_content, document):
    response = admin_client.post(ADD_URL, form_data(document=str(document.pk)))
    assert response.status_code == 200
    assert "Choose only one of a website address, a document or a page." in (
        response.content.decode()
    )


@pytest.mark.parametrize("target", ["external_url", "document", "page"])
def test_each_kind_of_target_on_its_own_is_accepted(launch_content, document, target):
    values = {
        "external_url": {"external_url": "https://example.org"},
        "document": {"external_url": "", "document": document},
        "page": {"external_url": "", "page": launch_content["workstreams"][3]},
    }[target]
    resource = Resource(title="T", description="D", format=Format.GUIDE, for_parents=True, **values)
    resource.full_clean()
    assert resource.get_target_url()


def test_a_resource_with_no_target_fails_model_validation(db):
    resource = Resource(title="T", description="D", format=Format.GUIDE, for_parents=True)
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "external_url" in error.value.message_dict


def test_the_admin_listing_filters_and_searches(admin_client, launch_content):
    ResourceFactory(title="Leaflet about sleep", format=Format.LEAFLET)
    ResourceFactory(title="Briefing on crying", format=Format.BRIEFING)
    listing = "/admin/snippets/resources/resource/"
    response = admin_client.get(listing, {"format": "leaflet"})
    assert response.status_code == 200
    assert "Leaflet about sleep" in response.content.decode()
    assert "Briefing on crying" not in response.content.decode()
    response = admin_client.get(listing, {"q": "crying"})
    assert "Briefing on crying" in response.content.decode()
    assert "Leaflet about sleep" not in response.content.decode()


def test_a_draft_resource_can_be_previewed_by_an_editor(admin_client, launch_content):
    resource = Resource.objects.get(title="Me, You and Baby Too")
    response = admin_client.post(
        f"/admin/snippets/resources/resource/preview/{resource.pk}/",
        form_data(title="Me, You and Baby Too", external_url="https://example.org/mybt"),
    )
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    page = admin_client.get(f"/admin/snippets/resources/resource/preview/{resource.pk}/")
    assert "Me, You and Baby Too" in page.content.decode()
