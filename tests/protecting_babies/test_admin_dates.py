"""A date typed in the admin is read exactly as a UK date or refused with a message next to its
field, keeping everything else typed: never saved as another day. A new helpline notice that is
already over or more than a year away is a mistyped year; a closure from today or tomorrow is
confirmed first, and shows in the helpline's history."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site
from wagtail.users.models import UserProfile

from core.dates import uk_today
from helpline.history import HELPLINE_CHANGED
from helpline.models import HelplineSettings
from tests.support.factories import WorkstreamPageFactory
from tests.support.public_content import set_notices
from tests.support.users import helpline_form_data, make_lead, workstream_form_data

pytestmark = pytest.mark.django_db

MESSAGE = "Closed for staff training. If a baby is in immediate danger, call 999."


def days_from_today(days):
    return uk_today() + datetime.timedelta(days=days)


def a_day_after_the_twelfth(at_least):
    """A date at least `at_least` days ahead whose day of the month is over 12, so that in
    US order (month/day/year) it names a month that does not exist."""
    day = days_from_today(at_least)
    while day.day <= 12:
        day += datetime.timedelta(days=1)
    return day


def notice(first, last=None, closed=True, message=MESSAGE):
    value = {"first_date": first, "last_date": first if last is None else last, "message": message}
    if closed:
        value["closed"] = "on"
    return value


@pytest.fixture
def lead(client, site):
    ModelLogEntry.objects.filter(action=HELPLINE_CHANGED).delete()
    user = make_lead()
    client.force_login(user)
    return user


def save(client, notices, **changes):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["helpline", "helplinesettings", site.pk])
    return client.post(url, helpline_form_data(HelplineSettings.objects.get(), notices, **changes))


def notices_form_state(response):
    """The notices as the re-shown form holds them, and the messages next to each field of
    each notice: ([typed values], {index: {field: [messages]}})."""
    html = BeautifulSoup(response.content, "html.parser")
    widget = html.select_one("#panel-child-notices-wrapper [data-w-block-arguments-value]")
    value, errors = json.loads(widget["data-w-block-arguments-value"])
    by_block = {
        int(index): {field: error["messages"] for field, error in block["blockErrors"].items()}
        for index, block in ((errors or {}).get("blockErrors") or {}).items()
    }
    return [child["value"] for child in value], by_block


def public_helpline(client):
    client.logout()
    html = BeautifulSoup(client.get("/").content, "html.parser")
    return html.select_one("footer .app-helpline")


def says_closed(box):
    warnings = " ".join(n.get_text(" ") for n in box.select("[data-helpline-notice]"))
    return box.has_attr("data-closed") or "Closed" in warnings


# --- Typed dates: exactly a UK date, or refused with what is wrong ----------------------


def test_a_us_order_date_is_refused_and_says_how_to_type_it(client, lead):
    christmas_like = a_day_after_the_twelfth(20)
    us_order = f"{christmas_like.month:02d}/{christmas_like.day:02d}/{christmas_like.year}"
    response = save(client, [notice(us_order)], heading="Help with your baby, day and night")
    assert response.status_code == 200
    values, errors = notices_form_state(response)
    message = " ".join(errors[0]["first_date"])
    assert f"there is no month {christmas_like.day}" in message
    uk_order = f"{christmas_like.day}/{christmas_like.month}/{christmas_like.year}"
    assert f"type {uk_order}" in message
    # Nothing saved; everything typed is still in the form, the date as it was typed.
    assert HelplineSettings.objects.get().dated_notices() == []
    assert values[0]["first_date"] == us_order
    assert values[0]["message"] == MESSAGE
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("input[name=heading]")["value"] == "Help with your baby, day and night"
    assert not says_closed(public_helpline(client))


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2027", "February 2027 has 28 days"),
        ("29/02/2027", "February 2027 has 28 days"),
        ("31/04/2027", "April 2027 has 30 days"),
        ("0/1/2027", "January 2027 has 31 days"),
        ("2027-13-01", "there is no month 13"),
        ("25/12/27", "Type the date as day/month/year"),
        ("25.12.2027", "Type the date as day/month/year"),
        ("next Friday", "Type the date as day/month/year"),
    ],
)
def test_a_date_that_does_not_exist_or_cannot_be_read_is_refused(client, lead, typed, says):
    response = save(client, [notice(typed)])
    assert response.status_code == 200
    values, errors = notices_form_state(response)
    assert says in " ".join(errors[0]["first_date"])
    assert values[0]["first_date"] == typed
    assert HelplineSettings.objects.get().dated_notices() == []


def test_uk_and_iso_dates_are_read_exactly_ambiguous_ones_day_first(client, lead):
    day = days_from_today(40)
    ambiguous = days_from_today(20)
    while not ambiguous.day <= 12:  # 05/12: 5 December here, never 12 May
        ambiguous += datetime.timedelta(days=1)
    notices = [
        notice(f"{day:%d/%m/%Y}", f"{day.isoformat()}", message="One"),
        notice(f"{day.day}/{day.month}/{day.year}", message="Two"),
        notice(f"{ambiguous:%d/%m/%Y}", message="Three"),
    ]
    assert save(client, notices).status_code == 302
    saved = {
        n["message"]: (n["first_date"], n["last_date"])
        for n in HelplineSettings.objects.get().dated_notices()
    }
    assert saved == {"One": (day, day), "Two": (day, day), "Three": (ambiguous, ambiguous)}


def test_an_admin_user_who_chose_plain_english_still_has_dates_read_day_first(client, lead, site):
    """Django's "en" formats read 05/12/2026 as 12 May: every English reads it as 5 December."""
    profile = UserProfile.get_for_user(lead)
    profile.preferred_language = "en"
    profile.save()
    day = days_from_today(20)
    while not day.day <= 12:
        day += datetime.timedelta(days=1)
    assert save(client, [notice(f"{day:%d/%m/%Y}", closed=False)]).status_code == 302
    assert HelplineSettings.objects.get().dated_notices()[0]["first_date"] == day
    # A page's "last reviewed" (a plain date field) too.
    workstream = WorkstreamPageFactory(parent=site.root_page, number=3)
    reviewed = datetime.date(2026, 5, 12)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[workstream.pk]),
        workstream_form_data(workstream, last_reviewed=f"{reviewed:%d/%m/%Y}"),
    )
    assert response.status_code == 302
    workstream.refresh_from_db()
    assert workstream.get_latest_revision_as_object().last_reviewed == reviewed


# --- Mistyped years: a new notice already over, or more than a year away ---------------


def test_a_new_notice_already_over_is_refused_an_old_one_may_stay(client, lead):
    last_year = days_from_today(-300)
    response = save(client, [notice(f"{last_year:%d/%m/%Y}")])
    values, errors = notices_form_state(response)
    assert "is already past, so this notice would never show. Check the year." in " ".join(
        errors[0]["last_date"]
    )
    assert HelplineSettings.objects.get().dated_notices() == []
    # Saved before it was over (here, put there directly), it stays as it is.
    set_notices([(last_year, last_year, True, MESSAGE)])
    kept = notice(f"{last_year:%d/%m/%Y}", message="Closed then; in an emergency call 999")
    assert save(client, [kept]).status_code == 302


def test_a_new_notice_more_than_a_year_away_is_refused(client, lead):
    far = days_from_today(400)
    _values, errors = notices_form_state(save(client, [notice(f"{far:%d/%m/%Y}")]))
    assert "is more than a year away. Check the year" in " ".join(errors[0]["first_date"])
    assert HelplineSettings.objects.get().dated_notices() == []


# --- A closure from today or tomorrow is confirmed first --------------------------------


def confirmation(response):
    html = BeautifulSoup(response.content, "html.parser")
    box = html.select_one("input[name=confirm_closure]")
    errors = html.select_one("[data-contentpath=confirm_closure] [data-field-errors]")
    return box, " ".join(errors.get_text(" ").split()) if errors else ""


@pytest.mark.parametrize(("starts", "when"), [(0, "today"), (1, "tomorrow")])
def test_a_closure_from_today_or_tomorrow_asks_first_then_closes_every_page(
    client, lead, starts, when
):
    first, last = days_from_today(starts), days_from_today(starts + 1)
    closure = notice(f"{first:%d/%m/%Y}", f"{last:%d/%m/%Y}")
    response = save(client, [closure])
    assert response.status_code == 200
    box, message = confirmation(response)
    assert box is not None and not box.has_attr("checked")
    assert f"This closes the helpline on every page from {when}" in message
    assert f"{first:%A} {first.day} {first:%B %Y}" in message
    assert HelplineSettings.objects.get().dated_notices() == []
    assert not says_closed(public_helpline(client))

    client.force_login(lead)
    assert save(client, [closure], confirm_closure="on").status_code == 302
    assert HelplineSettings.objects.get().closures_from(uk_today()) == [(first, last)]
    assert public_helpline(client)["data-closed"] == f"{first.isoformat()}/{last.isoformat()}"
    # The helpline's history shows it, with who confirmed it.
    client.force_login(lead)
    history = BeautifulSoup(client.get(reverse("helpline_history")).content, "html.parser")
    row = " ".join(history.select_one("[data-helpline-change]").get_text(" ").split())
    assert "Leah" in row
    assert f"Closed {first.day} {first:%B %Y} to {last.day} {last:%B %Y}: {MESSAGE}" in row


def test_no_confirmation_for_a_later_closure_a_notice_only_or_a_closure_already_saved(client, lead):
    today = days_from_today(0)
    later = days_from_today(2)
    response = save(
        client,
        [
            notice(f"{later:%d/%m/%Y}"),
            notice(f"{today:%d/%m/%Y}", closed=False, message="Open until 2pm today"),
        ],
    )
    assert response.status_code == 302
    assert confirmation(client.get(response.url))[0] is None
    set_notices([(today, today, True, MESSAGE)])
    # Changing the words of a closure already in force does not ask again.
    reworded = notice(f"{today:%d/%m/%Y}", message="Closed today; call 999 in an emergency")
    assert save(client, [reworded]).status_code == 302
