"""The footer says whether the helpline is open now, worked out in the browser in UK time, and
closed all day on a closure's dates."""

import datetime

import pytest
from django.utils import timezone

from tests.support.public_content import london, run_axe, set_notices, set_opening_hours

CLOSED = "The helpline is closed now. For medical advice, call NHS 111."


@pytest.fixture
def hours(site):
    set_opening_hours(
        [
            (["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00"),
            (["sat"], "10:00", "13:00"),
        ]
    )
    return site


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (london(2026, 11, 25, 10, 30), "Open now"),  # a Wednesday morning (GMT)
        (london(2026, 11, 25, 17, 0), CLOSED),  # closing time
        (london(2026, 11, 28, 12, 59), "Open now"),  # Saturday
        (london(2026, 11, 29, 11, 0), CLOSED),  # Sunday
        (london(2026, 7, 1, 9, 30), "Open now"),  # summer time: 08:30 UTC, open in the UK
    ],
)
def test_open_now_follows_the_uk_clock(hours, browser, when, expected):
    # The visitor's own time zone must not matter: the browser is far from the UK.
    context = browser.new_context(timezone_id="Pacific/Auckland")
    context.clock.set_fixed_time(when)
    page = context.new_page()
    page.goto(hours.url("/"))
    status = page.locator("[data-helpline-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == expected
    assert (
        page.locator("footer")
        .get_by_text("If a baby is in immediate danger, call 999.")
        .is_visible()
    )
    context.close()


def test_no_status_without_opening_hours(site, page):
    page.goto(site.url("/"))
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    assert page.locator("[data-helpline-status]").is_hidden()


def next_wednesday_after_a_week():
    """A Wednesday at least a week from the real UK date: the page is rendered today, so the
    closure is still to come there, and the browser's clock is moved to it."""
    day = timezone.localdate() + datetime.timedelta(days=7)
    return day + datetime.timedelta(days=(2 - day.weekday()) % 7)


@pytest.mark.parametrize(
    ("days_from_closure", "expected"),
    [(-1, "Open now"), (0, CLOSED), (1, CLOSED), (2, "Open now")],
)
def test_a_closure_makes_open_now_say_closed_all_day_on_its_dates(
    hours, browser, days_from_closure, expected
):
    closure = next_wednesday_after_a_week()  # Wednesday and Thursday: usually open 9 to 5
    set_notices(
        [(closure, closure + datetime.timedelta(days=1), True, "Closed for staff training")]
    )
    day = closure + datetime.timedelta(days=days_from_closure)
    context = browser.new_context(timezone_id="Pacific/Auckland")
    context.clock.set_fixed_time(london(day.year, day.month, day.day, 10, 30))
    page = context.new_page()
    page.goto(hours.url("/"))
    status = page.locator("[data-helpline-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == expected
    context.close()


@pytest.mark.parametrize(
    ("time", "expected"),
    [((13, 59), "Open now"), ((14, 0), CLOSED), ((8, 59), CLOSED), ((9, 0), "Open now")],
)
def test_open_until_2pm_changes_open_now_on_that_day_only(hours, browser, time, expected):
    """A notice for part of a day ("open until 2pm"): the browser says closed from 2pm that
    day, from the page rendered (and cached) before it; the usual opening time still holds."""
    eve = next_wednesday_after_a_week()  # usually open 9 to 5
    set_notices([(eve, eve, False, "Open until 2pm on Wednesday", None, "14:00")])
    context = browser.new_context(timezone_id="Pacific/Auckland")
    context.clock.set_fixed_time(london(eve.year, eve.month, eve.day, *time))
    page = context.new_page()
    page.goto(hours.url("/"))
    status = page.locator("[data-helpline-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == expected
    # The next day, the usual hours again.
    after = eve + datetime.timedelta(days=1)
    context.clock.set_fixed_time(london(after.year, after.month, after.day, 15, 0))
    page.reload()
    status.wait_for(state="visible")
    assert status.inner_text() == "Open now"
    context.close()


def test_a_closure_says_closed_even_without_opening_hours(site, browser):
    closure = next_wednesday_after_a_week()
    set_notices([(closure, closure, True, "Closed for staff training")])
    context = browser.new_context(timezone_id="Pacific/Auckland")
    context.clock.set_fixed_time(london(closure.year, closure.month, closure.day, 23, 59))
    page = context.new_page()
    page.goto(site.url("/"))
    status = page.locator("[data-helpline-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == CLOSED
    context.close()


def test_todays_notice_shows_in_the_footer_and_passes_axe(hours, browser):
    today = timezone.localdate()
    set_notices([(today, today, True, "Closed today for staff training")])
    context = browser.new_context(locale="en-GB", bypass_csp=True)  # axe is an inline script
    page = context.new_page()
    page.goto(hours.url("/"))
    notice = page.locator("footer [data-helpline-notice]")
    assert notice.is_visible()
    assert notice.inner_text().endswith("Closed today for staff training")
    status = page.locator("[data-helpline-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == CLOSED
    assert run_axe(page) == []
    context.close()
