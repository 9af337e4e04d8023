"""Content the public front-end tests add to the launch content: a video, opening hours."""

import datetime
import json

from wagtail.models import Site

from protecting_babies.models import HelplineSettings

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


def london(year, month, day, hour, minute=0):
    """An aware datetime in Europe/London."""
    from zoneinfo import ZoneInfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/London"))
