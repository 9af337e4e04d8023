"""The helpline's dated notices and closures: set in advance by a lead, checked with clear
messages, shown in every page's helpline box on their dates (and for a fortnight before as
"From ..."), never outside them; closures handed to the browser's "open now"."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from core.dates import uk_today
from helpline.models import MAX_NOTICES, NOTICE_AHEAD_DAYS, HelplineSettings
from tests.support.public_content import set_notices
from tests.support.users import helpline_form_data, make_lead

CHRISTMAS = (
    datetime.date(2026, 12, 25),
    datetime.date(2026, 12, 26),
    True,
    "Closed on 25 and 26 December; in an emergency call 999",
)
CHRISTMAS_EVE = (
    datetime.date(2026, 12, 24),
    datetime.date(2026, 12, 24),
    False,
    "Open until 2pm on 24 December",
)


def day(month, number, year=2026):
    return datetime.date(year, month, number)


def messages_on(helpline, on):
    return [(n["message"], n["current"]) for n in helpline.notices_on(on)]


@pytest.mark.django_db
def test_a_closure_shows_on_its_dates_and_a_fortnight_before_never_outside(site):
    helpline = set_notices([CHRISTMAS])
    closed = CHRISTMAS[3]
    assert NOTICE_AHEAD_DAYS == 14
    assert messages_on(helpline, day(12, 10)) == []
    assert messages_on(helpline, day(12, 11)) == [(closed, False)]  # "From Friday 25 December"
    assert messages_on(helpline, day(12, 24)) == [(closed, False)]
    assert messages_on(helpline, day(12, 25)) == [(closed, True)]
    assert messages_on(helpline, day(12, 26)) == [(closed, True)]
    assert messages_on(helpline, day(12, 27)) == []
    assert messages_on(helpline, day(1, 1, 2027)) == []


@pytest.mark.django_db
def test_notices_in_force_come_first_closures_before_plain_notices(site):
    later = (day(12, 31), day(12, 31), True, "Closed on 31 December")
    helpline = set_notices([later, CHRISTMAS, CHRISTMAS_EVE])
    assert messages_on(helpline, day(12, 24)) == [
        (CHRISTMAS_EVE[3], True),
        (CHRISTMAS[3], False),
        ("Closed on 31 December", False),
    ]


@pytest.mark.django_db
def test_closures_and_the_days_the_notices_change(site):
    helpline = set_notices([CHRISTMAS, CHRISTMAS_EVE])
    assert helpline.closures_from(day(12, 1)) == [(day(12, 25), day(12, 26))]
    assert helpline.closures_from(day(12, 26)) == [(day(12, 25), day(12, 26))]
    assert helpline.closures_from(day(12, 27)) == []
    # Each change: a notice comes into view, starts, or ends (the day after its last date).
    assert helpline.notices_change_after(day(12, 1)) == day(12, 10)
    assert helpline.notices_change_after(day(12, 10)) == day(12, 11)
    assert helpline.notices_change_after(day(12, 11)) == day(12, 24)
    assert helpline.notices_change_after(day(12, 24)) == day(12, 25)
    assert helpline.notices_change_after(day(12, 25)) == day(12, 27)
    assert helpline.notices_change_after(day(12, 27)) is None


@pytest.mark.django_db
def test_without_notices_nothing_changes_by_itself(site):
    helpline = HelplineSettings.for_site(Site.objects.get(is_default_site=True))
    assert helpline.notices_on(day(12, 25)) == []
    assert helpline.closures_from(day(12, 25)) == []
    assert helpline.notices_change_after(day(12, 25)) is None


# --- What visitors see: rendered through the client, on the real UK date ---------------


def helpline_box(client):
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("footer .app-helpline")


def notices_in(box):
    return [" ".join(n.get_text(" ").split()) for n in box.select("[data-helpline-notice]")]


def test_the_footer_shows_a_notice_on_its_dates_prominently(client, site):
    today = timezone.localdate()
    set_notices([(today, today + datetime.timedelta(days=1), True, CHRISTMAS[3])])
    box = helpline_box(client)
    assert notices_in(box) == [f"! Warning: {CHRISTMAS[3]}"]
    notice = box.select_one("[data-helpline-notice]")
    assert "govuk-warning-text" in notice["class"]
    # Right under the heading, before the numbers.
    assert notice.find_previous_sibling().name == "h2"


def test_the_footer_shows_no_notice_after_its_last_date_or_long_before_its_first(client, site):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    far = today + datetime.timedelta(days=NOTICE_AHEAD_DAYS + 1)
    set_notices(
        [
            (yesterday - datetime.timedelta(days=3), yesterday, True, "Closed last week"),
            (far, far, True, "Closed some day"),
        ]
    )
    box = helpline_box(client)
    assert notices_in(box) == []
    assert "Closed last week" not in box.get_text()
    assert "Closed some day" not in box.get_text()
    # The far closure is still handed to the browser; the one that is over is not.
    assert box["data-closed"] == f"{far.isoformat()}/{far.isoformat()}"


def test_a_notice_soon_to_start_says_from_when(client, site):
    today = timezone.localdate()
    start, end = today + datetime.timedelta(days=3), today + datetime.timedelta(days=4)
    one_day = today + datetime.timedelta(days=5)
    set_notices(
        [
            (start, end, True, "Closed for training"),
            (one_day, one_day, False, "Open until 2pm"),
        ]
    )
    box = helpline_box(client)

    def spoken(date):
        return f"{date:%A} {date.day} {date:%B}"

    assert notices_in(box) == [
        f"! Warning: From {spoken(start)} to {spoken(end)}: Closed for training",
        f"! Warning: On {spoken(one_day)}: Open until 2pm",
    ]
    assert box["data-closed"] == f"{start.isoformat()}/{end.isoformat()}"


def test_no_notices_no_notice_box_and_no_closures(client, site):
    box = helpline_box(client)
    assert notices_in(box) == []
    assert not box.has_attr("data-closed")


# --- Checks: a clear message next to the field, never a 500 -----------------------------


def settings_url(site):
    return f"/admin/settings/helpline/helplinesettings/{site.pk}/"


def ahead(days):
    """The UK date `days` from today, as the admin's date picker writes it (25/12/2026)."""
    return (uk_today() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def notice(first=None, last=None, closed=True, message=CHRISTMAS[3], opens="", closes=""):
    """A notice as the form posts it; by default a closure a month ahead, for two days."""
    first = ahead(30) if first is None else first
    last = ahead(31) if last is None else last
    value = {"first_date": first, "last_date": last, "message": message}
    value.update(opens=opens, closes=closes)
    if closed:
        value["closed"] = "on"
    return value


@pytest.fixture
def lead_client(client, site):
    client.force_login(make_lead())
    return client


def post_notices(client, notices):
    site = Site.objects.get(is_default_site=True)
    data = helpline_form_data(HelplineSettings.for_site(site), notices)
    return client.post(settings_url(site), data)


def notice_errors(response):
    """{field: [messages]} of the first notice, as Wagtail hands them to the StreamField's
    widget, which shows each next to its field."""
    html = BeautifulSoup(response.content, "html.parser")
    for widget in html.select("[data-w-block-arguments-value]"):
        value, errors = json.loads(widget["data-w-block-arguments-value"])
        if errors and value and value[0]["type"] == "notice":
            fields = errors["blockErrors"]["0"]["blockErrors"]
            return {name: error["messages"] for name, error in fields.items()}
    return {}


def test_a_lead_adds_a_closure_and_it_is_kept(lead_client):
    response = post_notices(lead_client, [notice()])
    assert response.status_code == 302
    helpline = HelplineSettings.objects.get()
    assert helpline.dated_notices() == [
        {
            "first_date": uk_today() + datetime.timedelta(days=30),
            "last_date": uk_today() + datetime.timedelta(days=31),
            "closed": True,
            "opens": None,
            "closes": None,
            "message": CHRISTMAS[3],
        }
    ]


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        (
            notice(first=ahead(31), last=ahead(30)),
            "last_date",
            "The last date cannot be before the first date. For one day, give the same date twice.",
        ),
        (notice(message=""), "message", "This field is required."),
        (notice(message="   "), "message", "This field is required."),
        (notice(first=""), "first_date", "This field is required."),
        (notice(last="31/02/2026"), "last_date", "February 2026 has 28 days"),
        (notice(first="2026-13-40"), "first_date", "there is no month 13"),
        (notice(message="x" * 256), "message", "at most 255 characters"),
        (notice(closes="14:00"), "closes", "A closure is closed all day: leave the times empty"),
        (
            notice(closed=False, opens="14:00", closes="10:00"),
            "closes",
            "The closing time must be after the opening time.",
        ),
    ],
)
def test_a_bad_notice_gets_a_clear_message_next_to_its_field_and_nothing_is_saved(
    lead_client, bad, field, message
):
    response = post_notices(lead_client, [bad])
    assert response.status_code == 200
    assert "The setting could not be saved due to errors." in response.content.decode()
    errors = notice_errors(response)
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert HelplineSettings.objects.get().dated_notices() == []


def test_more_notices_than_allowed_are_refused_with_a_message(lead_client):
    response = post_notices(lead_client, [notice()] * (MAX_NOTICES + 1))
    assert response.status_code == 200
    assert f"The maximum number of items is {MAX_NOTICES}" in response.content.decode()
    assert HelplineSettings.objects.get().dated_notices() == []


def test_other_hours_for_part_of_a_day_reach_the_browser_s_open_now(lead_client):
    """ "Open until 2pm": kept with its time, and every page hands it to the browser, which
    says "closed" from 2pm on that day (tests/browser/test_public_helpline.py)."""
    eve = notice(closed=False, message=CHRISTMAS_EVE[3], closes="14:00")
    eve.update(first_date=ahead(20), last_date=ahead(20))
    assert post_notices(lead_client, [eve, notice()]).status_code == 302
    helpline = HelplineSettings.objects.get()
    day = uk_today() + datetime.timedelta(days=20)
    assert helpline.hours_changed_from(uk_today()) == [(day, day, None, datetime.time(14, 0))]
    box = helpline_box(lead_client_anonymous(lead_client))
    assert box["data-changed-hours"] == f"{day.isoformat()}/{day.isoformat()}//14:00"
    # The closure is not "other hours": it is closed all day, as before.
    assert "data-closed" in box.attrs
    # Once over, nothing more is handed over.
    assert helpline.hours_changed_from(day + datetime.timedelta(days=1)) == []
    assert helpline.notices_change_after(day - datetime.timedelta(days=1)) == day


def lead_client_anonymous(client):
    client.logout()
    return client
