"""Resources in the admin: exactly one target, an audience, drafts, filters and search."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from resources.choices import Format
from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.factories import ResourceFactory, WorkstreamPageFactory
from tests.support.users import make_editor, make_lead

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


def test_an_editor_can_add_a_resource_as_a_draft(admin_client, site):
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
    admin_client, site, overrides, message
):
    response = admin_client.post(ADD_URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.filter(title="Safer sleep guide").exists()
    # What the editor typed is still in the form.
    assert "How to put a baby down to sleep safely." in response.content.decode()


def test_two_targets_are_refused(admin_client, site, document):
    response = admin_client.post(ADD_URL, form_data(document=str(document.pk)))
    assert response.status_code == 200
    assert "Choose only one of a website address, a document or a page." in (
        response.content.decode()
    )


@pytest.mark.parametrize("target", ["external_url", "document", "page"])
def test_each_kind_of_target_on_its_own_is_accepted(site, document, target):
    values = {
        "external_url": {"external_url": "https://example.org"},
        "document": {"external_url": "", "document": document},
        "page": {"external_url": "", "page": WorkstreamPageFactory(parent=site.root_page)},
    }[target]
    resource = Resource(title="T", description="D", format=Format.GUIDE, for_parents=True, **values)
    resource.full_clean()
    assert resource.get_target_url()


def test_a_resource_with_no_target_fails_model_validation(db):
    resource = Resource(title="T", description="D", format=Format.GUIDE, for_parents=True)
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "external_url" in error.value.message_dict


def test_the_admin_listing_filters_and_searches(admin_client, site):
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


def test_a_draft_resource_can_be_previewed_by_an_editor(admin_client, site):
    resource = ResourceFactory(title="Me, You and Baby Too", live=False)
    response = admin_client.post(
        f"/admin/snippets/resources/resource/preview/{resource.pk}/",
        form_data(title="Me, You and Baby Too", external_url="https://example.org/mybt"),
    )
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    page = admin_client.get(f"/admin/snippets/resources/resource/preview/{resource.pk}/")
    assert "Me, You and Baby Too" in page.content.decode()


LISTING = "/admin/snippets/resources/resource/"


def listing_rows(client, **filters):
    """{title: {column heading: cell text}} for the admin listing."""
    html = BeautifulSoup(client.get(LISTING, filters).content, "html.parser")
    table = html.select_one("table.listing")
    if table is None:
        return {}
    headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        cells = [" ".join(td.get_text(" ").split()) for td in tr.find_all(["td", "th"])]
        row = dict(zip(headings, cells, strict=False))
        title = next(cell for heading, cell in row.items() if heading.startswith("Title"))
        rows[title.split(" Edit")[0].strip()] = row
    return rows


def test_the_listing_says_where_each_resource_stands(client, site):
    today = timezone.localdate()
    lead, editor = make_lead(), make_editor()
    live = ResourceFactory(title="Live leaflet", last_reviewed=today)
    draft = ResourceFactory(title="Draft leaflet", live=False)
    waiting = ResourceFactory(title="Waiting leaflet", last_reviewed=today)
    waiting.save_revision(user=editor)
    waiting.get_workflow().start(waiting, editor)
    asked = ResourceFactory(title="Asked-about leaflet")
    asked.save_revision(user=editor)
    asked.get_workflow().start(asked, editor)
    asked.current_workflow_task.on_action(
        asked.current_workflow_task_state, lead, "reject", comment="Add the source."
    )
    later = ResourceFactory(title="Later leaflet", live=False)
    revision = later.save_revision(user=lead)
    revision.approved_go_live_at = timezone.now() + datetime.timedelta(days=3)
    revision.save()
    Resource.objects.filter(pk=draft.pk).update(missing_information="The leaflet's PDF")

    client.force_login(lead)
    rows = listing_rows(client)
    status = {title: row["Status"] for title, row in rows.items()}
    assert status["Live leaflet"] == "Live"
    assert status["Draft leaflet"] == "Draft"
    assert status["Waiting leaflet"] == "Waiting for sign-off"
    assert status["Asked-about leaflet"] == "Changes requested"
    assert status["Later leaflet"] == "Scheduled"
    assert rows["Live leaflet"]["Next review due"] != ""
    assert rows["Draft leaflet"]["Missing information"] == "Incomplete"
    assert "Missing information flag" not in client.get(LISTING).content.decode()
    assert live.pk  # made, listed above


def test_the_listing_filters_by_review_owner_and_workstream(client, site):
    today = timezone.localdate()
    lead = make_lead()
    workstreams = {n: WorkstreamPageFactory(parent=site.root_page, number=n) for n in (3, 4)}
    ResourceFactory(title="Reviewed today", last_reviewed=today, review_owner=lead)
    ResourceFactory(title="Never reviewed", workstreams=[workstreams[3]])
    ResourceFactory(
        title="Due soon", last_reviewed=today - datetime.timedelta(days=350), review_every_months=12
    )
    client.force_login(lead)

    overdue = listing_rows(client, review="overdue")
    assert "Never reviewed" in overdue and "Reviewed today" not in overdue
    assert set(listing_rows(client, review="due-soon")) >= {"Due soon"}
    assert "Due soon" not in listing_rows(client, review="overdue")
    assert "Reviewed today" in listing_rows(client, review="not-due")
    assert set(listing_rows(client, review_owner=lead.pk)) == {"Reviewed today"}
    only_sleep = listing_rows(client, workstreams=workstreams[3].pk)
    assert "Never reviewed" in only_sleep and "Reviewed today" not in only_sleep

    html = BeautifulSoup(client.get(LISTING).content, "html.parser")
    boxes = html.select("input[type=checkbox][name=workstreams]")
    assert len(boxes) == WorkstreamPage.objects.count()
    assert html.select_one("select[name=workstreams]") is None
    assert client.get(LISTING, {"review": "<script>", "review_owner": "x"}).status_code == 200
