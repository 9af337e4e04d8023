"""The site's days are UK days (settings.TIME_ZONE, Europe/London), whatever time zone an
admin user has chosen for themselves: the helpline's dated notices start and end on them.

A date an editor types is read exactly as a UK date (day/month/year, or the ISO year-month-day
the admin's date picker may send), or refused with a message saying what is wrong with it:
never guessed, never moved to another day. `read_uk_date()` does the reading;
`UKDateField` is the form field that uses it (the helpline's notices: blocks.UKDateBlock).
The admin's date picker itself no longer rewrites what was typed either
(static/protecting_babies/admin.js)."""

import calendar
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

# 25/12/2026 (or 5/1/2026), and 2026-12-25.
UK_DATE = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")
ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
HOW_TO_TYPE = "Type the date as day/month/year, for example 25/12/2026."


def uk_today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def spoken_date(day):
    """Friday 25 December 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def read_uk_date(text):
    """The date `text` says, read as a UK date: day/month/year (25/12/2026) or year-month-day
    (2026-12-25). Anything else, or a day that does not exist, raises a ValidationError that
    says what is wrong (a US-style 12/25/2026 names the month it cannot be)."""
    text = (text or "").strip()
    match = UK_DATE.fullmatch(text) or ISO_DATE.fullmatch(text)
    if match is None:
        raise ValidationError(
            f"“{text}” is not a date this form understands. {HOW_TO_TYPE}", code="invalid"
        )
    day, month, year = (int(match[name]) for name in ("day", "month", "year"))
    if not 1 <= month <= 12:
        hint = HOW_TO_TYPE
        if UK_DATE.fullmatch(text) and 1 <= day <= 12 and month <= _days_in(year, day):
            # 12/25/2026: the month came first, as in the US.
            hint = (
                "Dates here are day/month/year, the day first: for "
                f"{month} {calendar.month_name[day]} {year}, type {month}/{day}/{year}."
            )
        raise ValidationError(
            f"“{text}” is not a date: there is no month {month}. {hint}", code="invalid"
        )
    last_day = _days_in(year, month)
    if not 1 <= day <= last_day:
        month_name = calendar.month_name[month]
        raise ValidationError(
            f"“{text}” is not a date: {month_name} {year} has {last_day} days. {HOW_TO_TYPE}",
            code="invalid",
        )
    return datetime.date(year, month, day)


def _days_in(year, month):
    return calendar.monthrange(year, month)[1]


class UKDateField(forms.DateField):
    """A date field that reads only UK dates, whatever the signed-in user's language."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return read_uk_date(str(value))
