"""In the real admin, a lead types a helpline closure's dates: a US-order or impossible date
stays as typed, is said to be wrong under the field and refused on saving (never turned into
today or another day, so the public pages do not say "closed"); a UK date is saved exactly; a
closure from today is confirmed first, then every page says the line is closed."""

import datetime

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from core.dates import uk_today
from editorial.roles import setup_editorial_workflow
from helpline.models import HelplineSettings
from tests.support.browser import sign_in
from tests.support.public_content import set_opening_hours
from tests.support.users import make_lead

MESSAGE = "Closed for staff training. If a baby is in immediate danger, call 999."
CLOSED = "The helpline is closed now. For medical advice, call NHS 111."


@pytest.fixture
def lead_page(site, browser):
    setup_editorial_workflow()
    # Open every day, all day: only a closure can make the pages say "closed".
    set_opening_hours([(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "00:00", "23:59")])
    context, page = sign_in(browser, site, make_lead())
    site_id = Site.objects.get(is_default_site=True).pk
    page.goto(site.url(f"/admin/settings/helpline/helplinesettings/{site_id}/"))
    yield page
    context.close()


def add_closure(page, first, last, index=0):
    """Press + under the notices and type a closure, as a lead would, with the keyboard."""
    page.locator("#notices-root button[title='Insert a block']").last.click()
    for name, typed in (("first_date", first), ("last_date", last)):
        field = page.locator(f"input[name='notices-{index}-value-{name}']")
        field.click()
        page.keyboard.type(typed)
        page.keyboard.press("Tab")  # where the picker used to rewrite it
    page.locator(f"input[name='notices-{index}-value-closed']").check()
    page.locator(f"input[name='notices-{index}-value-message']").fill(MESSAGE)


def said_under(page, index, name):
    return page.locator(f"#notices-{index}-value-{name}-said")


def save(page):
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state()


def public_status(browser, site):
    visitor = browser.new_page()
    visitor.goto(site.url("/"))
    status = visitor.locator("[data-helpline-status]")
    status.wait_for(state="visible")
    words = status.inner_text(), visitor.locator("footer .app-helpline").inner_text()
    visitor.close()
    return words


def test_mistyped_dates_stay_as_typed_are_refused_and_never_close_the_helpline(
    site, browser, lead_page
):
    page = lead_page
    day = uk_today() + datetime.timedelta(days=20)
    while day.day <= 12:
        day += datetime.timedelta(days=1)
    us_order = f"{day.month:02d}/{day.day:02d}/{day.year}"
    add_closure(page, us_order, "31/02/2027")
    first, last = (
        page.locator(f"input[name='notices-0-value-{n}']") for n in ("first_date", "last_date")
    )
    # The picker leaves the text alone, and the field says what is wrong as it is typed.
    expect(first).to_have_value(us_order)
    expect(last).to_have_value("31/02/2027")
    expect(said_under(page, 0, "first_date")).to_contain_text(f"there is no month {day.day}")
    expect(said_under(page, 0, "last_date")).to_contain_text("February 2027 has 28 days")

    save(page)
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    expect(page.locator("input[name='notices-0-value-first_date']")).to_have_value(us_order)
    expect(page.locator("#notices-root")).to_contain_text(f"type {day.day}/{day.month}/{day.year}")
    expect(page.locator("input[name='notices-0-value-message']")).to_have_value(MESSAGE)
    assert HelplineSettings.objects.get().dated_notices() == []
    status, footer = public_status(browser, site)
    assert status == "Open now"
    assert MESSAGE not in footer

    # Typed the UK way, the same day is saved exactly, and said in words first.
    first = page.locator("input[name='notices-0-value-first_date']")
    last = page.locator("input[name='notices-0-value-last_date']")
    uk_order = f"{day:%d/%m/%Y}"
    first.fill(uk_order)
    last.fill(uk_order)
    expect(said_under(page, 0, "first_date")).to_have_text(f"{day:%A} {day.day} {day:%B %Y}")
    save(page)
    expect(page.locator(".messages")).to_contain_text("updated")
    [notice] = HelplineSettings.objects.get().dated_notices()
    assert (notice["first_date"], notice["last_date"]) == (day, day)
    assert public_status(browser, site)[0] == "Open now"


def test_a_closure_from_today_is_confirmed_first_then_every_page_says_closed(
    site, browser, lead_page
):
    page = lead_page
    today = uk_today()
    add_closure(page, f"{today:%d/%m/%Y}", f"{today:%d/%m/%Y}")
    save(page)
    confirm = page.get_by_role("checkbox", name="Yes, close the helpline on these dates")
    expect(page.locator("[data-contentpath=confirm_closure]")).to_contain_text(
        "This closes the helpline on every page from today"
    )
    assert HelplineSettings.objects.get().dated_notices() == []
    assert public_status(browser, site)[0] == "Open now"

    confirm.check()
    save(page)
    expect(page.locator(".messages")).to_contain_text("updated")
    status, footer = public_status(browser, site)
    assert status == CLOSED
    assert MESSAGE in footer
