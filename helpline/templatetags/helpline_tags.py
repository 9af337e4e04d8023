"""How the helpline's opening hours read ("Monday to Friday, 9am to 5pm"), and the dated
notices and closures it shows today."""

from django import template

from core import dialling
from core.dates import uk_today
from helpline.blocks import WEEKDAYS

register = template.Library()

DAY_NAMES = dict(WEEKDAYS)
DAY_ORDER = list(DAY_NAMES)


def _describe_days(days):
    """ "Monday to Friday", "Saturday and Sunday", "Monday, Wednesday and Friday"."""
    ordered = [day for day in DAY_ORDER if day in days]
    indexes = [DAY_ORDER.index(day) for day in ordered]
    names = [DAY_NAMES[day] for day in ordered]
    if len(ordered) == 7:
        return "Every day"
    if len(ordered) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{names[0]} to {names[-1]}"
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else ""


def _describe_time(value):
    """9am, 5:30pm, midday."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def opening_hours(helpline):
    """The helpline's opening hours as rows for the footer: words to read, data for the JS."""
    rows = []
    for row in helpline.opening_hours_rows() if helpline else []:
        if not (row["days"] and row["opens"] and row["closes"]):
            continue
        rows.append(
            {
                "days_text": _describe_days(row["days"]),
                "days": " ".join(day for day in DAY_ORDER if day in row["days"]),
                "opens": row["opens"].strftime("%H:%M"),
                "closes": row["closes"].strftime("%H:%M"),
                "hours_text": f"{_describe_time(row['opens'])} to {_describe_time(row['closes'])}",
            }
        )
    return rows


@register.filter
def notices_today(helpline):
    """The notices the helpline box shows today (UK date): in force, or starting soon."""
    return helpline.notices_on(uk_today()) if helpline else []


@register.filter
def closures(helpline):
    """The closures not over today, for the browser's "open now": ISO dates, first/last, e.g.
    "2026-12-25/2026-12-26 2027-01-01/2027-01-01"."""
    if not helpline:
        return ""
    dates = helpline.closures_from(uk_today())
    return " ".join(f"{first.isoformat()}/{last.isoformat()}" for first, last in dates)


@register.filter
def changed_hours(helpline):
    """Other hours on some dates ("open until 2pm"), not over today, for the browser's "open
    now": first/last/opens/closes, a time empty when it is the usual one, e.g.
    "2026-12-24/2026-12-24//14:00"."""
    if not helpline:
        return ""
    return " ".join(
        "/".join(
            [
                first.isoformat(),
                last.isoformat(),
                opens.strftime("%H:%M") if opens else "",
                closes.strftime("%H:%M") if closes else "",
            ]
        )
        for first, last, opens, closes in helpline.hours_changed_from(uk_today())
    )


@register.filter(is_safe=True)
def dial_links(value):
    """999 and 111 in the text as tap-to-call links (core/dialling.py)."""
    return dialling.dial_links(value)
