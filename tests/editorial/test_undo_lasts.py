"""Undo lasts as long as it says: after "Confirm reviewed" the lead finds the Undo beside the
item, in the report and on its own form, for 15 minutes, and then it is gone."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from editorial.review import CONFIRM_ACTION
from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.users import make_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(client, launch_content):
    """A lead has just confirmed a page and a resource from the report."""
    lead = make_lead()
    page = launch_content["workstreams"][2]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=datetime.date(2024, 5, 1))
    resource = Resource.objects.live().first()
    client.force_login(lead)
    report = reverse("review_report")
    client.post(reverse("review_confirm_page", args=[page.pk]), {"next": report})
    client.post(reverse("review_confirm_resource", args=[resource.pk]), {"next": report})
    return {"lead": lead, "page": page, "resource": resource}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def make_older(minutes):
    for model in (PageLogEntry, ModelLogEntry):
        entries = model.objects.filter(action=CONFIRM_ACTION)
        for entry in entries:
            entry.timestamp -= datetime.timedelta(minutes=minutes)
            entry.save(update_fields=["timestamp"])


def test_the_report_offers_undo_beside_each_item_confirmed(client, confirmed):
    page, resource = confirmed["page"], confirmed["resource"]
    html = soup(client.get(reverse("review_report")))
    section = html.find(id="recently-confirmed")
    assert section is not None
    undo = section.select_one(f"[data-undo=page-{page.pk}] a.button")
    assert undo["href"].startswith(reverse("review_undo_page", args=[page.pk]))
    assert "next=" in undo["href"]
    assert section.select_one(f"[data-undo=resource-{resource.pk}] a.button")

    # It works from there: the date goes back, and the item is no longer offered.
    response = client.post(
        reverse("review_undo_page", args=[page.pk]), {"next": reverse("review_report")}
    )
    assert response["Location"] == reverse("review_report")
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2024, 5, 1)
    section = soup(client.get(reverse("review_report"))).find(id="recently-confirmed")
    assert section.select_one(f"[data-undo=page-{page.pk}]") is None
    assert section.select_one(f"[data-undo=resource-{resource.pk}]") is not None


def test_the_undo_is_gone_after_15_minutes(client, confirmed):
    make_older(14)
    assert soup(client.get(reverse("review_report"))).find(id="recently-confirmed")
    make_older(2)
    assert soup(client.get(reverse("review_report"))).find(id="recently-confirmed") is None
    page = confirmed["page"]
    form = soup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert form.find(id="review-undo") is None
    assert "Undo confirm reviewed" not in form.get_text()


def test_only_the_lead_who_confirmed_is_offered_undo(client, confirmed):
    client.force_login(make_lead("lena"))
    assert soup(client.get(reverse("review_report"))).find(id="recently-confirmed") is None
    page = confirmed["page"]
    assert (
        soup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))).find(id="review-undo")
        is None
    )


def test_the_page_s_review_panel_and_header_offer_undo(client, confirmed):
    page, resource = confirmed["page"], confirmed["resource"]
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = soup(client.get(edit))
    panel = html.find(id="review-undo")
    assert "You marked this as reviewed at" in panel.get_text()
    link = panel.find("a")
    assert link["href"].startswith(reverse("review_undo_page", args=[page.pk]))
    header = [a.get_text(" ", strip=True) for a in html.select("header a, header button")]
    assert any(words.startswith("Undo confirm reviewed (until") for words in header)

    html = soup(client.get(reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])))
    link = html.find(id="review-undo").find("a")
    assert link["href"].startswith(reverse("review_undo_resource", args=[resource.pk]))
