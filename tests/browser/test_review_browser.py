"""In the real admin, content review from day one: straight after the launch content loads the
dashboard asks a lead to choose who owns it (nothing is overdue, nothing claims to be
reviewed), and after "Confirm reviewed" the Undo waits beside the item, in the report and on
its form, for the 15 minutes it promises, and then it is gone."""

import datetime
import re

import pytest
from playwright.sync_api import expect
from wagtail.models import PageLogEntry

from core.dates import uk_today
from core.models import review_models
from editorial.review import CONFIRM_ACTION
from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.browser import sign_in
from tests.support.users import make_lead


@pytest.fixture
def lead(site):
    setup_editorial_workflow()
    return make_lead()


def test_a_fresh_launch_asks_for_an_owner_and_is_not_all_overdue(site, browser, lead):
    items = sum(model.objects.count() for model in review_models())
    context, page = sign_in(browser, site, lead)
    panel = page.locator("#content-review-section")
    expect(panel).to_contain_text("0 overdue · 0 due within 30 days")
    expect(panel).to_contain_text(f"{items} pages and resources have no review owner")

    panel.get_by_role("link", name="Choose a default review owner").click()
    expect(page.locator("h1")).to_contain_text("Content review")
    page.locator("#id_default_owner").select_option(label="Leah")
    first = uk_today() + datetime.timedelta(days=20)
    field = page.locator("#id_first_reviews_from")
    field.click()
    page.keyboard.type(first.strftime("%d/%m/%Y"))
    page.keyboard.press("Tab")
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("updated")

    page.goto(site.url("/admin/"))
    expect(page.locator("#content-review-section")).not_to_contain_text("no review owner")
    page.goto(site.url("/admin/reports/content-review/"))
    rows = page.locator("#content-review tbody tr")
    # The parents' advice comes first; nothing is overdue and every row has its owner.
    expect(rows.first).to_be_visible()
    expect(page.locator("#content-review tbody tr[data-status=overdue]")).to_have_count(0)
    expect(rows.first.locator("td").nth(2)).to_have_text("Leah")
    expect(rows.first.locator("th")).to_have_text("Safer sleep for your baby")
    expect(rows.first).to_contain_text("First review due soon")
    expect(page.locator("#content-review")).not_to_contain_text("Set an owner")
    context.close()


def test_undo_waits_beside_the_item_for_15_minutes_then_goes(site, browser, lead):
    workstream = site.content["workstreams"][1]
    WorkstreamPage.objects.filter(pk=workstream.pk).update(last_reviewed=datetime.date(2024, 5, 1))
    context, page = sign_in(browser, site, lead)
    page.goto(site.url("/admin/reports/content-review/"))
    row = page.locator("#content-review tbody tr", has_text=workstream.title)
    row.get_by_role("link", name=re.compile("Confirm reviewed")).click()
    page.get_by_role("button", name="Yes, it is reviewed").click()
    expect(page.locator(".messages")).to_contain_text("marked as reviewed today")

    # After other pages, the way back is still beside the item.
    page.goto(site.url("/admin/"))
    page.goto(site.url("/admin/reports/content-review/"))
    expect(page.locator(".messages")).not_to_contain_text("marked as reviewed")
    recent = page.locator("#recently-confirmed")
    expect(recent).to_contain_text(workstream.title)
    page.goto(site.url(f"/admin/pages/{workstream.pk}/edit/#tab-settings"))
    expect(page.locator("#review-undo")).to_contain_text("You can undo it until")

    page.goto(site.url("/admin/reports/content-review/"))
    recent.get_by_role("link", name=re.compile("Undo")).click()
    page.get_by_role("button", name="Yes, undo it").click()
    expect(page).to_have_url(re.compile(r"/admin/reports/content-review/"))
    expect(page.locator(".messages")).to_contain_text("back to last reviewed 1 May 2024")
    expect(page.locator("#content-review tbody tr", has_text=workstream.title)).to_have_count(1)
    expect(page.locator("#recently-confirmed")).to_have_count(0)

    # Confirmed again; 16 minutes later the Undo is gone from the report and the form.
    row.get_by_role("link", name=re.compile("Confirm reviewed")).click()
    page.get_by_role("button", name="Yes, it is reviewed").click()
    expect(page.locator("#recently-confirmed")).to_contain_text(workstream.title)
    for entry in PageLogEntry.objects.filter(action=CONFIRM_ACTION):
        entry.timestamp -= datetime.timedelta(minutes=16)
        entry.save(update_fields=["timestamp"])
    page.reload()
    expect(page.locator("#recently-confirmed")).to_have_count(0)
    page.goto(site.url(f"/admin/pages/{workstream.pk}/edit/#tab-settings"))
    expect(page.locator("#review-undo")).to_have_count(0)
    context.close()
