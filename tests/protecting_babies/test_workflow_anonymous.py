"""Visitors never see drafts, previews or revisions of pages or resources."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.support.factories import (
    ResourceFactory,
    ResourceIndexPageFactory,
    StandardPageFactory,
    WorkstreamPageFactory,
)

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Unapproved draft wording"


@pytest.fixture
def drafts(site):
    """A live page with a newer draft, a page never published, and a draft resource."""
    home = site.root_page
    workstream = WorkstreamPageFactory(parent=home)
    workstream.title = DRAFT_TEXT
    page_revision = workstream.save_revision()
    unpublished = StandardPageFactory(
        parent=home, title=f"{DRAFT_TEXT} page", slug="draft-page", live=False
    )
    resource = ResourceFactory()
    resource.title = f"{DRAFT_TEXT} resource"
    resource_revision = resource.save_revision()
    never_live = ResourceFactory(live=False, title="Never published resource")
    return {
        "workstream": workstream,
        "page_revision": page_revision,
        "unpublished": unpublished,
        "resource": resource,
        "resource_revision": resource_revision,
        "never_live": never_live,
        "library": ResourceIndexPageFactory(parent=home),
    }


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def test_public_pages_show_the_live_version(client, drafts):
    response = client.get(drafts["workstream"].url)
    assert response.status_code == 200
    assert DRAFT_TEXT not in text(response)
    library = text(client.get(drafts["library"].url))
    assert DRAFT_TEXT not in library
    assert "Never published resource" not in library


def test_unpublished_page_is_not_found(client, drafts):
    assert client.get("/draft-page/").status_code == 404
    assert DRAFT_TEXT not in text(client.get("/search/", {"q": "Unapproved"}))


@pytest.mark.parametrize(
    "url_name",
    [
        "page_preview",
        "page_revision",
        "page_compare",
        "page_history",
        "resource_preview",
        "resource_revision",
        "resource_history",
    ],
)
def test_admin_views_of_drafts_need_a_login(client, drafts, url_name):
    page, resource = drafts["workstream"], drafts["resource"]
    urls = {
        "page_preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        "page_revision": reverse(
            "wagtailadmin_pages:revisions_view", args=[page.pk, drafts["page_revision"].pk]
        ),
        "page_compare": reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page.pk, "live", drafts["page_revision"].pk],
        ),
        "page_history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "resource_preview": reverse(
            "wagtailsnippets_resources_resource:preview_on_edit", args=[resource.pk]
        ),
        "resource_revision": reverse(
            "wagtailsnippets_resources_resource:revisions_view",
            args=[resource.pk, drafts["resource_revision"].pk],
        ),
        "resource_history": reverse(
            "wagtailsnippets_resources_resource:history", args=[resource.pk]
        ),
    }
    response = client.get(urls[url_name])
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]
    assert DRAFT_TEXT not in response.content.decode()
