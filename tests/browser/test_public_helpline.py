"""The footer says whether the helpline is open now, worked out in the browser in UK time."""

import pytest

from tests.support.public_content import london, set_opening_hours

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
