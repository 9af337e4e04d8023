"""A helpline notice starts and ends at UK midnight with no one editing anything: no cached copy
of a page (the page cache, a browser, a CDN) may outlive the day it was rendered for when the
notices change the next day. The day and the wall clock are moved by hand here."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from caching import cache as page_cache_module
from tests.support.public_content import set_notices

STATUS = "X-Page-Cache"
MESSAGE = "Closed on 25 and 26 December; in an emergency call 999"
CHRISTMAS_DAY = datetime.date(2026, 12, 25)
BOXING_DAY = datetime.date(2026, 12, 26)
LONDON = timezone.get_default_timezone()


def midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LONDON).timestamp()


class Clock:
    """The UK date the site renders for, and the wall clock the page cache reads."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def set(self, day, seconds_after_midnight):
        now = midnight(day) + seconds_after_midnight
        self.monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        self.monkeypatch.setattr(page_cache_module, "wall_clock", lambda: now)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def christmas(cached_site):
    set_notices([(CHRISTMAS_DAY, BOXING_DAY, True, MESSAGE)])
    return cached_site


def shows_notice(response):
    html = BeautifulSoup(response.content, "html.parser")
    return MESSAGE in html.select_one("footer .app-helpline").get_text(" ")


def directives(response):
    return dict(
        re.match(r"([a-z-]+)(?:=(\d+))?", part.strip()).groups()
        for part in response["Cache-Control"].split(",")
    )


def test_a_notice_gone_at_midnight_is_not_served_from_the_cache_the_next_day(
    client, christmas, clock
):
    clock.set(BOXING_DAY, 12 * 3600)
    first = client.get("/")
    assert (first[STATUS], shows_notice(first)) == ("miss", True)
    assert client.get("/")[STATUS] == "hit"

    clock.set(BOXING_DAY + datetime.timedelta(days=1), 1)
    after = client.get("/")
    assert after[STATUS] == "miss"
    assert not shows_notice(after)


def test_a_notice_starting_at_midnight_is_not_missed_by_a_page_cached_the_day_before(
    client, christmas, clock
):
    # Ahead of its first date the footer says "From Friday 25 December: ..."; on it, just the
    # message: the page cached on the 24th must not be served on the 25th.
    clock.set(CHRISTMAS_DAY - datetime.timedelta(days=1), 23 * 3600 + 58 * 60)
    before = client.get("/")
    assert before[STATUS] == "miss"
    assert "From Friday 25 December" in before.content.decode()

    clock.set(CHRISTMAS_DAY, 5)
    on_the_day = client.get("/")
    assert on_the_day[STATUS] == "miss"
    assert shows_notice(on_the_day)
    assert "From Friday 25 December" not in on_the_day.content.decode()


def test_browsers_and_a_cdn_are_told_to_keep_the_page_no_later_than_midnight(
    client, christmas, clock
):
    clock.set(BOXING_DAY, 24 * 3600 - 100)  # 100 seconds to midnight
    fresh = directives(client.get("/"))
    assert fresh["max-age"] == "40"
    assert fresh["s-maxage"] == "40"
    assert fresh["stale-while-revalidate"] == "60"  # 40 + 60 = 100: not a second later

    clock.set(BOXING_DAY, 24 * 3600 - 50)
    hit = client.get("/")
    assert hit[STATUS] == "hit"
    kept = directives(hit)
    assert (kept["max-age"], kept["s-maxage"], kept["stale-while-revalidate"]) == ("0", "0", "50")


def test_far_from_a_change_the_usual_cache_headers(client, christmas, clock):
    clock.set(BOXING_DAY, 12 * 3600)
    for response in (client.get("/"), client.get("/")):
        found = directives(response)
        assert (found["max-age"], found["s-maxage"], found["stale-while-revalidate"]) == (
            "60",
            "300",
            "60",
        )


def test_a_render_that_ends_after_midnight_is_not_kept(client, christmas, clock, monkeypatch):
    # The page's day is taken before it renders: one begun on Boxing Day that finishes after
    # midnight may show the closure, so it is not kept.
    clock.set(BOXING_DAY, 24 * 3600 - 1)
    past_midnight = midnight(BOXING_DAY + datetime.timedelta(days=1)) + 1
    real_render = page_cache_module.Lookup.save

    def save_after_midnight(lookup, response, expires=None):
        monkeypatch.setattr(page_cache_module, "wall_clock", lambda: past_midnight)
        return real_render(lookup, response, expires=expires)

    monkeypatch.setattr(page_cache_module.Lookup, "save", save_after_midnight)
    assert client.get("/")[STATUS] == "bypass"
    assert client.get("/")[STATUS] != "hit"
