"""Content the public front-end tests add to the launch content: a video, opening hours,
the helpline's dated notices."""

import datetime
import json
from zoneinfo import ZoneInfo

from wagtail.models import Site

from helpline.models import HelplineSettings

VIDEO = {
    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "title": "Safer sleeping for your baby",
    "speaker": "Dr Richard Allen, Designated Doctor",
    "duration": "42:10",
    "transcript": "<p>Welcome. Today we talk about where your baby sleeps.</p>",
}

# Every public page type, as paths on the launch content (the workstream is given a video).
PUBLIC_PAGES = {
    "strategy": "/",
    "parents": "/for-parents-and-carers/",
    "advice_with_plan": "/for-parents-and-carers/coping-with-crying/",
    "advice_with_checklist": "/for-parents-and-carers/safer-sleep-for-your-baby/",
    "advice_with_warning": "/for-parents-and-carers/when-to-get-help/",
    "advice_with_resources": "/for-parents-and-carers/looking-after-yourself/",
    "workstream": "/all-babies-cry/",
    "library": "/useful-resources/?audience=parents&format=website",
    "standard": "/accessibility-statement/",
    "not_found": "/no-such-page/",
}


def add_video(page, video=VIDEO):
    """Publish `page` with a video block at the end of its body."""
    raw = list(page.body.raw_data)
    raw.append({"type": "video", "value": dict(video)})
    page.body = json.dumps(raw)
    page.save_revision().publish()
    return page


def set_opening_hours(rows, site=None):
    """Give the helpline opening hours: rows of (days, "09:00", "17:00")."""
    site = site or Site.objects.get(is_default_site=True)
    helpline = HelplineSettings.for_site(site)
    helpline.opening_hours = json.dumps(
        [
            {"type": "hours", "value": {"days": list(days), "opens": opens, "closes": closes}}
            for days, opens, closes in rows
        ]
    )
    helpline.save()
    return helpline


def set_notices(rows, site=None):
    """Give the helpline dated notices: rows of (first date, last date, closed, message), and
    optionally other hours on those dates, (opens, closes) as "HH:MM" or None."""
    site = site or Site.objects.get(is_default_site=True)
    helpline = HelplineSettings.for_site(site)
    helpline.notices = json.dumps(
        [
            {
                "type": "notice",
                "value": {
                    "first_date": first.isoformat(),
                    "last_date": last.isoformat(),
                    "closed": closed,
                    "message": message,
                    "opens": hours[0] if hours else None,
                    "closes": hours[1] if hours else None,
                },
            }
            for first, last, closed, message, *hours in rows
        ]
    )
    helpline.save()
    return helpline


def london(year, month, day, hour, minute=0):
    """An aware datetime in Europe/London."""

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/London"))


AXE = "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NEUTRAL_PAGE = "<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


def run_axe(page):
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page, as readable lines."""
    page.add_script_tag(path=AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{violation['id']}: {violation['help']} at {[n['target'] for n in violation['nodes']]}"
        for violation in result["violations"]
    ]


def route_neutral_site(context_or_page, url):
    """Answer requests for the neutral exit site locally: the test network is closed."""
    prefix = url.split("?")[0].rstrip("/")
    context_or_page.route(
        lambda request_url: request_url.startswith(prefix),
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )
