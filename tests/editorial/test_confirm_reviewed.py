"""The "Confirm reviewed" action changes the review date and nothing else, only a safeguarding
lead confirms, and they can undo it for a short time; the public dates."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from core.models import review_models
from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.users import (
    make_editor,
    make_lead,
    make_user,
    resource_form_data,
    workstream_form_data,
)

pytestmark = pytest.mark.django_db


def no_first_review_dates():
    """The launch content as if no first review were planned: never reviewed, so overdue."""
    for model in review_models():
        model.objects.update(first_review_due=None)


@pytest.fixture
def lead(launch_content):
    no_first_review_dates()
    return make_lead()


def test_confirming_a_page_keeps_its_unpublished_draft_unpublished(client, launch_content, lead):
    page = launch_content["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=datetime.date(2024, 1, 31))
    page.refresh_from_db()
    client.force_login(lead)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        workstream_form_data(page, title="Draft title not yet approved"),
    )
    page.refresh_from_db()
    live_revision = page.live_revision_id
    assert page.has_unpublished_changes

    confirm_url = reverse("review_confirm_page", args=[page.pk])
    response = client.get(confirm_url)
    assert response.status_code == 200
    assert "31 January 2024" in BeautifulSoup(response.content, "html.parser").get_text()
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])

    today = timezone.localdate()
    page.refresh_from_db()
    assert page.last_reviewed == today
    assert page.title == "Safer sleeping"
    assert page.live_revision_id == live_revision
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Draft title not yet approved"
    assert draft.last_reviewed == today
    assert PageLogEntry.objects.filter(
        page=page, action="protecting_babies.confirm_reviewed", user=lead
    ).exists()

    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert html.find("h1").get_text(strip=True) == "Safer sleeping"
    dates = html.select_one(".app-review-dates").get_text(" ", strip=True)
    assert f"Last reviewed {today:%-d %B %Y}" in dates


def test_confirming_a_resource_publishes_nothing(client, launch_content, lead):
    resource = Resource.objects.live().filter(external_url__gt="").first()
    client.force_login(lead)
    client.post(
        reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
        resource_form_data(resource, title="An unapproved new title"),
    )
    response = client.post(
        reverse("review_confirm_resource", args=[resource.pk]),
        {"next": reverse("review_report")},
    )
    assert response["Location"] == reverse("review_report")
    resource.refresh_from_db()
    assert resource.last_reviewed == timezone.localdate()
    assert resource.title != "An unapproved new title"
    assert resource.has_unpublished_changes
    draft = resource.latest_revision.as_object()
    assert draft.title == "An unapproved new title"
    assert draft.last_reviewed == timezone.localdate()


def test_confirming_from_the_report_removes_the_item(client, launch_content, lead):
    client.force_login(lead)
    report = client.get(reverse("review_report")).content.decode()
    assert "Privacy notice" in report
    privacy = launch_content["standard"]["privacy-notice"]
    response = client.post(
        reverse("review_confirm_page", args=[privacy.pk]),
        {"next": reverse("review_report")},
        follow=True,
    )
    html = BeautifulSoup(response.content, "html.parser")
    assert "'Privacy notice' is marked as reviewed today." in html.select_one(".messages").text
    rows = html.select("#content-review tbody th")
    assert "Privacy notice" not in [row.get_text(strip=True) for row in rows]


def test_confirm_ignores_an_outside_next_address(client, launch_content, lead):
    privacy = launch_content["standard"]["privacy-notice"]
    client.force_login(lead)
    response = client.post(
        reverse("review_confirm_page", args=[privacy.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[privacy.pk])


def test_confirm_is_for_leads(client, launch_content):
    privacy = launch_content["standard"]["privacy-notice"]
    url = reverse("review_confirm_page", args=[privacy.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    outsider = make_user("olive")
    client.force_login(outsider)
    assert client.post(url).status_code in (302, 403)
    client.force_login(make_editor())
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    privacy.refresh_from_db()
    assert privacy.last_reviewed is None


def test_confirm_button_on_the_page_editor_and_resource_listing(client, launch_content, lead):
    client.force_login(lead)
    page = launch_content["workstreams"][1]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert reverse("review_confirm_page", args=[page.pk]) in response.content.decode()
    response = client.get(reverse("wagtailsnippets_resources_resource:list"))
    resource = Resource.objects.first()
    assert reverse("review_confirm_resource", args=[resource.pk]) in response.content.decode()


def test_public_page_shows_review_dates_and_never_overdue(client, launch_content):
    page = launch_content["workstreams"][2]
    WorkstreamPage.objects.filter(pk=page.pk).update(
        last_reviewed=datetime.date(2020, 1, 31), review_every_months=1
    )
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    dates = html.select_one(".app-review-dates")
    for hidden in dates.select(".govuk-visually-hidden"):
        hidden.decompose()
    assert " ".join(dates.get_text(" ").split()) == (
        "Last reviewed 31 January 2020 · Next review due 29 February 2020"
    )
    assert [t["datetime"] for t in dates.find_all("time")] == ["2020-01-31", "2020-02-29"]
    assert "overdue" not in html.get_text().lower()


def test_never_reviewed_page_shows_no_review_line(client, launch_content):
    html = BeautifulSoup(client.get(launch_content["workstreams"][4].url).content, "html.parser")
    assert html.select_one(".app-review-dates") is None


def test_a_page_locked_by_another_person_cannot_be_confirmed(client, launch_content, lead):
    page = launch_content["workstreams"][2]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=datetime.date(2024, 1, 31))
    other = make_lead(username="other-lead")
    page.refresh_from_db()
    page.locked, page.locked_by, page.locked_at = True, other, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    client.force_login(lead)

    response = client.post(
        reverse("review_confirm_page", args=[page.pk]), {"next": reverse("review_report")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("review_report")
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2024, 1, 31)
    assert not PageLogEntry.objects.filter(
        page=page, action="protecting_babies.confirm_reviewed"
    ).exists()
    message = BeautifulSoup(client.get(reverse("review_report")).content, "html.parser")
    assert "is locked, so its review cannot be confirmed now" in message.get_text()

    # The lead who holds the lock still can.
    client.force_login(other)
    client.post(reverse("review_confirm_page", args=[page.pk]))
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()


def test_an_editor_is_offered_no_confirm_button(client, launch_content):
    no_first_review_dates()
    client.force_login(make_editor())
    page = launch_content["workstreams"][1]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert reverse("review_confirm_page", args=[page.pk]) not in response.content.decode()
    response = client.get(reverse("wagtailsnippets_resources_resource:list"))
    assert "Confirm reviewed" not in response.content.decode()
    report = BeautifulSoup(client.get(reverse("review_report")).content, "html.parser")
    assert report.select("#content-review tbody tr")
    assert "Confirm reviewed" not in report.select_one("#content-review").get_text()
    assert "A safeguarding lead confirms" in report.get_text()


def test_the_report_asks_before_confirming(client, launch_content, lead):
    client.force_login(lead)
    privacy = launch_content["standard"]["privacy-notice"]
    report = BeautifulSoup(client.get(reverse("review_report")).content, "html.parser")
    row = next(
        tr for tr in report.select("#content-review tbody tr") if "Privacy notice" in tr.text
    )
    link = next(a for a in row.select("a") if "Confirm reviewed" in a.get_text())
    assert link["href"].startswith(reverse("review_confirm_page", args=[privacy.pk]) + "?next=")
    asked = client.get(link["href"])
    assert "Yes, it is reviewed" in asked.content.decode()
    privacy.refresh_from_db()
    assert privacy.last_reviewed is None


def confirm_and_follow(client, page):
    return client.post(
        reverse("review_confirm_page", args=[page.pk]),
        {"next": reverse("review_report")},
        follow=True,
    )


def test_a_lead_can_undo_a_confirmation_for_a_short_time(client, launch_content, lead):
    page = launch_content["workstreams"][2]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=datetime.date(2024, 1, 31))
    page.refresh_from_db()
    client.force_login(lead)
    html = BeautifulSoup(confirm_and_follow(client, page).content, "html.parser")
    undo = next(a for a in html.select(".messages a") if "Undo" in a.get_text())
    assert undo["href"].startswith(reverse("review_undo_page", args=[page.pk]))
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()

    asked = client.get(undo["href"])
    assert "31 January 2024" in BeautifulSoup(asked.content, "html.parser").get_text()
    response = client.post(undo["href"], follow=True)
    assert "back to last reviewed 31 January 2024" in response.content.decode()
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2024, 1, 31)
    assert page.get_latest_revision_as_object().last_reviewed == datetime.date(2024, 1, 31)
    assert PageLogEntry.objects.filter(
        page=page, action="protecting_babies.confirm_reviewed_undone", user=lead
    ).exists()
    # Once is enough: there is nothing left to undo.
    client.post(undo["href"])
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2024, 1, 31)


def test_undo_is_only_for_who_confirmed_and_only_for_a_while(client, launch_content, lead):
    page = launch_content["workstreams"][2]
    client.force_login(lead)
    confirm_and_follow(client, page)
    undo_url = reverse("review_undo_page", args=[page.pk])

    client.force_login(make_lead("another-lead"))
    response = client.post(undo_url, follow=True)
    assert "can no longer be undone" in response.content.decode()
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()

    client.force_login(lead)
    PageLogEntry.objects.filter(page=page).update(
        timestamp=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.post(undo_url)
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()


def test_a_lead_confirms_several_at_once_after_being_asked(client, launch_content, lead):
    privacy = launch_content["standard"]["privacy-notice"]
    resource = Resource.objects.live().first()
    chosen = [f"page-{privacy.pk}", f"resource-{resource.pk}"]
    client.force_login(lead)
    report = BeautifulSoup(client.get(reverse("review_report")).content, "html.parser")
    boxes = {box["value"] for box in report.select("#confirm-many input[name=item]")}
    assert set(chosen) <= boxes

    asked = client.post(reverse("review_confirm_many"), {"item": chosen})
    assert asked.status_code == 200
    text = BeautifulSoup(asked.content, "html.parser").get_text(" ")
    assert "Privacy notice" in text and resource.title in text
    privacy.refresh_from_db()
    assert privacy.last_reviewed is None

    response = client.post(
        reverse("review_confirm_many"), {"item": chosen, "confirmed": "yes"}, follow=True
    )
    assert "2 items are marked as reviewed today" in response.content.decode()
    privacy.refresh_from_db()
    resource.refresh_from_db()
    assert privacy.last_reviewed == resource.last_reviewed == timezone.localdate()


def test_confirming_several_needs_a_tick_and_a_lead(client, launch_content, lead):
    client.force_login(lead)
    response = client.post(reverse("review_confirm_many"), {}, follow=True)
    assert "Tick the pages and resources you have reviewed first." in response.content.decode()
    client.force_login(make_editor())
    privacy = launch_content["standard"]["privacy-notice"]
    response = client.post(
        reverse("review_confirm_many"), {"item": [f"page-{privacy.pk}"], "confirmed": "yes"}
    )
    assert response.status_code == 403
    privacy.refresh_from_db()
    assert privacy.last_reviewed is None


def test_only_a_lead_sets_last_reviewed_in_the_form(client, launch_content, lead):
    page = launch_content["workstreams"][2]
    WorkstreamPage.objects.filter(pk=page.pk).update(last_reviewed=datetime.date(2024, 1, 31))
    page.refresh_from_db()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(make_editor())
    field = BeautifulSoup(client.get(url).content, "html.parser").find(
        "input", attrs={"name": "last_reviewed"}
    )
    assert field.has_attr("disabled")
    client.post(url, workstream_form_data(page, last_reviewed="2026-01-01"))
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == page.title  # it was saved
    assert page.get_latest_revision_as_object().last_reviewed == datetime.date(2024, 1, 31)

    resource = Resource.objects.live().filter(external_url__gt="").first()
    resource_url = reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    client.post(resource_url, resource_form_data(resource, last_reviewed="2026-01-01"))
    assert Resource.objects.get(pk=resource.pk).latest_revision.as_object().last_reviewed != (
        datetime.date(2026, 1, 1)
    )

    client.force_login(lead)
    client.post(url, workstream_form_data(page, last_reviewed="2026-01-01"))
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().last_reviewed == datetime.date(2026, 1, 1)
