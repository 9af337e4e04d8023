"""Day one: the launch content is not "all overdue". It starts never reviewed (the parents'
pages say so) with first reviews spread over the weeks ahead, the parents' advice first; the
leads choose its owner and when those reviews begin (Settings → Content review)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from core.dates import uk_today
from core.models import (
    FIRST_REVIEWS_WEEKS,
    ContentReviewSettings,
    add_months,
    first_review_dates,
    review_models,
)
from editorial.review import items_due, review_counts
from launch.management.commands.load_launch_content import Command
from parents.models import AdvicePage
from resources.models import Resource
from strategy.models import WorkstreamPage
from tests.support.users import make_editor, make_lead, make_user

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("wagtailsettings:edit", args=["protecting_babies", "contentreviewsettings"])


def everything():
    return [obj for model in review_models() for obj in model.objects.all()]


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_a_fresh_launch_has_nothing_overdue_and_nothing_marked_reviewed(launch_content):
    assert review_counts() == {"overdue": 0, "due_soon": 0}
    assert items_due() == []
    items = everything()
    assert len(items) >= 18
    assert all(obj.last_reviewed is None for obj in items)
    first = add_months(uk_today(), 3)
    dates = [obj.first_review_due for obj in items]
    assert min(dates) >= first
    assert max(dates) <= first + datetime.timedelta(weeks=FIRST_REVIEWS_WEEKS, days=2)
    assert all(day.weekday() < 5 for day in dates)
    # The parents' advice comes first, and no more than a few reviews fall in one week.
    advice = [obj.first_review_due for obj in items if isinstance(obj, AdvicePage)]
    others = [obj.first_review_due for obj in items if not isinstance(obj, AdvicePage)]
    assert max(advice) < min(others)
    weeks = {}
    for day in dates:
        weeks[day.isocalendar()[:2]] = weeks.get(day.isocalendar()[:2], 0) + 1
    assert max(weeks.values()) <= 3


def test_the_dashboard_asks_a_lead_to_choose_an_owner_and_an_editor_sees_no_prompt(
    client, launch_content
):
    client.force_login(make_lead())
    panel = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser").find(
        id="content-review-section"
    )
    words = " ".join(panel.get_text(" ").split())
    assert "0 overdue · 0 due within 30 days" in words
    assert f"{len(everything())} pages and resources have no review owner" in words
    assert panel.find("a", href=SETTINGS_URL).get_text() == "Choose a default review owner"

    client.force_login(make_editor())
    panel = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser").find(
        id="content-review-section"
    )
    assert "no review owner" not in panel.get_text()


def test_a_lead_chooses_the_owner_and_the_first_reviews_date_once(client, launch_content):
    lead = make_lead()
    make_user("zed", first_name="Zara", last_name="Ahmed")
    client.force_login(lead)
    url = client.get(SETTINGS_URL)["Location"]  # the setting's own address
    form = BeautifulSoup(client.get(url).content, "html.parser")
    owners = [option.get_text() for option in form.select("select[name=default_owner] option")]
    assert "Zara Ahmed" in owners and "zed" not in owners  # names, not usernames

    # A draft waiting on a page keeps its content; its latest version gets the owner too.
    page = launch_content["workstreams"][3]
    page.title = "A draft title"
    page.save_revision()
    start = uk_today() + datetime.timedelta(days=40)
    response = client.post(url, {"default_owner": lead.pk, "first_reviews_from": start.isoformat()})
    assert response.status_code == 302, text(response)

    items = everything()
    assert all(obj.review_owner_id == lead.pk for obj in items)
    dates = sorted(obj.first_review_due for obj in items)
    assert dates == sorted(first_review_dates(len(items), start))
    advice = max(obj.first_review_due for obj in items if isinstance(obj, AdvicePage))
    assert advice <= min(obj.first_review_due for obj in items if not isinstance(obj, AdvicePage))
    page = WorkstreamPage.objects.get(pk=page.pk)
    assert page.title == "Safer sleeping" and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.title == "A draft title"
    assert draft.review_owner_id == lead.pk
    assert draft.first_review_due == page.first_review_due

    panel = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser").find(
        id="content-review-section"
    )
    assert "no review owner" not in panel.get_text()


def test_content_loaded_after_the_leads_chose_gets_their_owner_and_dates(launch_content):
    lead = make_lead()
    start = uk_today() + datetime.timedelta(days=10)
    chosen = ContentReviewSettings.load()
    chosen.default_owner, chosen.first_reviews_from = lead, start
    chosen.save()
    for model in review_models():
        model.objects.update(review_owner=None, first_review_due=None)
    # What the loader does with what it has just made.
    command = Command()
    command.launched = everything()
    command.plan_reviews()
    items = everything()
    assert [obj for obj in items if obj.review_owner_id != lead.pk] == []
    assert min(obj.first_review_due for obj in items) == start


def test_rows_without_an_owner_say_set_an_owner(client, launch_content):
    lead = make_lead()
    privacy = launch_content["standard"]["privacy-notice"]
    type(privacy).objects.filter(pk=privacy.pk).update(first_review_due=uk_today())
    resource = Resource.objects.live().first()
    Resource.objects.filter(pk=resource.pk).update(first_review_due=uk_today())
    client.force_login(lead)
    html = BeautifulSoup(client.get(reverse("review_report")).content, "html.parser")
    rows = {row.th.get_text(strip=True): row for row in html.select("#content-review tbody tr")}
    assert set(rows) == {"Privacy notice", resource.title}
    cells = rows["Privacy notice"].find_all("td")
    link = next(a for a in rows["Privacy notice"].find_all("a") if "Set an owner" in a.get_text())
    assert link.get_text(" ", strip=True) == "Set an owner for Privacy notice"
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[privacy.pk]) + "#tab-settings"
    words = [" ".join(cell.get_text(" ").split()) for cell in cells]
    assert "Not yet" in words
    assert "First review due soon" in words
    assert rows[resource.title].find(
        "a", href=reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk])
    )


def test_only_a_lead_changes_the_first_review_date(client, launch_content):
    page = launch_content["workstreams"][1]
    client.force_login(make_editor())
    form = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content, "html.parser"
    )
    assert form.select_one("input[name=first_review_due]").has_attr("disabled")
    assert Page.objects.filter(pk=page.pk).exists()


def test_the_review_owner_is_chosen_by_name(client, launch_content):
    make_user("zed", first_name="Zara", last_name="Ahmed")
    client.force_login(make_lead())
    page = launch_content["workstreams"][1]
    for url in (
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailsnippets_resources_resource:edit", args=[Resource.objects.first().pk]),
    ):
        form = BeautifulSoup(client.get(url).content, "html.parser")
        owners = [o.get_text() for o in form.select("select[name=review_owner] option")]
        assert "Zara Ahmed" in owners and "zed" not in owners
    listing = BeautifulSoup(
        client.get(reverse("wagtailsnippets_resources_resource:list")).content, "html.parser"
    )
    owners = [o.get_text() for o in listing.select("select[name=review_owner] option")]
    assert "Zara Ahmed" in owners and "zed" not in owners
