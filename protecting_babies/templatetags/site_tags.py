"""Template tags for the pieces every public page shares, drawn from the cached site chrome."""

from django import template
from wagtail.models import Page

from protecting_babies.chrome import get_site_chrome
from protecting_babies.models import WEEKDAYS

register = template.Library()


def _chrome(context):
    request = context.get("request")
    return get_site_chrome(request) if request is not None else None


@register.inclusion_tag("components/navigation.html", takes_context=True)
def main_navigation(context):
    """Links to the pages under the home page that are set to show in menus."""
    chrome = _chrome(context)
    current_path = getattr(context.get("page"), "path", "")
    items = [
        {
            "page": page,
            "active": current_path.startswith(page.path),
            "current": current_path == page.path,
        }
        for page in (chrome["menu"] if chrome else [])
    ]
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page down to the current page's parent."""
    chrome = _chrome(context)
    home = chrome["home"] if chrome else None
    ancestors = []
    if home is not None and page.depth > home.depth and page.path.startswith(home.path):
        if page.depth == home.depth + 1:
            ancestors = [home]
        else:
            ancestors = Page.objects.ancestor_of(page).filter(depth__gte=home.depth).live()
    return {"ancestors": ancestors, "request": context.get("request")}


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    chrome = _chrome(context)
    return {
        "helpline": chrome["helpline"] if chrome else None,
        "pages": chrome["pages"] if chrome else {},
        "request": context.get("request"),
    }


@register.inclusion_tag("components/exit_this_page.html", takes_context=True)
def exit_this_page(context):
    chrome = _chrome(context)
    links = chrome["links"] if chrome else None
    return {
        "exit_url": links.exit_url if links else "https://www.bbc.co.uk/weather",
        "staying_safe": (chrome["pages"] if chrome else {}).get("staying_safe_page"),
        "request": context.get("request"),
    }


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
