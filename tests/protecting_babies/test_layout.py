"""The public layout as a visitor's browser receives it: header, navigation, exit, footer."""

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext

from helpline.templatetags.helpline_tags import opening_hours
from sitechrome.models import SiteLinks
from tests.support.public_content import PUBLIC_PAGES, add_video, set_opening_hours

pytestmark = pytest.mark.django_db


def get_soup(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_every_page_type_has_the_layout(client, launch_content, name):
    soup = get_soup(client, PUBLIC_PAGES[name], 404 if name == "not_found" else 200)
    assert soup.html["lang"] == "en-GB"
    assert soup.title.string.endswith(" – Protecting Babies")
    skip = soup.select_one("a.govuk-skip-link")
    assert skip["href"] == "#main-content" and soup.select_one("main#main-content")
    header = soup.select_one("header")
    assert header.select_one("a[href='/']").get_text(strip=True) == "Protecting Babies"
    assert not header.select("img, svg"), "no logo or crown: the site name is text"
    assert soup.select_one("link[rel=icon]")["href"].endswith("favicon.svg")
    assert soup.select_one("link[rel=stylesheet]")["href"].endswith("dist/main.css")
    assert soup.select_one("script[type=module]")["src"].endswith("dist/main.js")
    # A strict Content-Security-Policy is coming: no inline scripts or styles.
    inline = [s for s in soup.select("script") if not s.get("src") and s.string]
    assert all(s.get("type") == "application/ld+json" for s in inline), "only data, no code"
    assert not soup.select("style, [style]")
    exit_link = soup.select_one(".govuk-exit-this-page a.govuk-exit-this-page__button")
    assert exit_link["href"] == SiteLinks.objects.get().exit_url
    assert "Exit this page" in exit_link.get_text()


def test_navigation_links_the_parents_section_and_the_library(client, launch_content):
    """Two links, one line on a phone; professionals reach the workstreams from the home page."""
    soup = get_soup(client, "/for-parents-and-carers/coping-with-crying/")
    links = soup.select("nav[aria-label=Main] a")
    assert [a.get_text(strip=True) for a in links] == [
        "For parents and carers",
        "Useful resources",
    ]
    current = soup.select_one("nav[aria-label=Main] a[aria-current]")
    assert current.get_text(strip=True) == "For parents and carers"
    assert current["aria-current"] == "true"  # a page inside the section, not the section
    crumbs = soup.select(".govuk-breadcrumbs a")
    assert [a.get_text(strip=True) for a in crumbs] == ["Home", "For parents and carers"]


def test_a_page_in_the_menu_is_marked_current_on_itself(client, launch_content):
    soup = get_soup(client, "/useful-resources/")
    current = soup.select_one("nav[aria-label=Main] a[aria-current=page]")
    assert current.get_text(strip=True) == "Useful resources"


def test_title_is_the_page_then_the_site(client, launch_content):
    soup = get_soup(client, "/unborn-babies/")
    assert soup.title.string == "Unborn babies – Protecting Babies"
    assert len(soup.select("meta[name=description]")) == 1


def test_footer_has_the_helpline_to_tap_and_the_emergency_message(client, launch_content):
    footer = get_soup(client, "/").select_one("footer")
    hrefs = [a["href"] for a in footer.select("a")]
    assert "tel:+443003000123" in hrefs
    assert "sms:+447520631590" in hrefs
    assert "https://www.justonenorfolk.nhs.uk" in hrefs
    assert "If a baby is in immediate danger, call 999." in footer.get_text()
    names = [a.get_text(strip=True) for a in footer.select("a")]
    assert {"Accessibility statement", "Privacy notice"} <= set(names)
    # No hours set: nothing claims the line is open or closed.
    assert not footer.select("dl.app-helpline__hours")


def test_exit_this_page_links_to_staying_safe_online(client, launch_content):
    soup = get_soup(client, "/")
    # Under the exit button, outside its sticky bar.
    help_link = soup.select_one(".app-exit-this-page__help a.govuk-link")
    assert help_link.get_text(strip=True) == "Staying safe online"
    staying_safe = get_soup(client, help_link["href"])
    assert staying_safe.h1.get_text(strip=True) == "Staying safe online"


def test_exit_goes_to_the_neutral_site_set_in_the_cms(client, launch_content):
    links = SiteLinks.objects.get()
    links.exit_url = "https://www.metoffice.gov.uk/"
    links.save()
    soup = get_soup(client, "/")
    assert soup.select_one(".govuk-exit-this-page__button")["href"] == links.exit_url


def test_opening_hours_are_listed_with_data_for_the_live_status(client, launch_content):
    set_opening_hours(
        [
            (["mon", "tue", "wed", "thu", "fri"], "09:00", "17:30"),
            (["sat", "sun"], "10:00", "12:00"),
        ]
    )
    helpline = get_soup(client, "/").select_one("footer .app-helpline")
    assert helpline["data-when-closed"].startswith("The helpline is closed now")
    rows = helpline.select("dl.app-helpline__hours > div")
    assert [(r.dt.get_text(), r.dd.get_text()) for r in rows] == [
        ("Monday to Friday", "9am to 5:30pm"),
        ("Saturday and Sunday", "10am to midday"),
    ]
    assert [(r["data-days"], r["data-opens"], r["data-closes"]) for r in rows] == [
        ("mon tue wed thu fri", "09:00", "17:30"),
        ("sat sun", "10:00", "12:00"),
    ]
    # The status is the browser's to fill in: the cached HTML must not say open or closed.
    status = helpline.select_one("[data-helpline-status]")
    assert status.has_attr("hidden") and not status.get_text(strip=True)


def test_days_are_described_as_people_say_them():
    class Helpline:
        def __init__(self, days):

            self.rows = [{"days": days, "opens": datetime.time(8), "closes": datetime.time(20)}]

        def opening_hours_rows(self):
            return self.rows

    assert opening_hours(Helpline(["mon", "wed", "fri"]))[0]["days_text"] == (
        "Monday, Wednesday and Friday"
    )
    every_day = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    assert opening_hours(Helpline(every_day))[0]["days_text"] == "Every day"
    assert opening_hours(Helpline(["tue"]))[0]["hours_text"] == "8am to 8pm"
    assert opening_hours(None) == []


def test_video_is_a_preview_that_requests_nothing_until_play(client, launch_content):
    add_video(launch_content["workstreams"][4])
    soup = get_soup(client, "/all-babies-cry/")
    video = soup.select_one("[data-module=app-video]")
    assert video["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert not soup.select("iframe"), "no iframe (and so no request) before play"
    assert video.h2.get_text(strip=True) == "Safer sleeping for your baby"
    meta = video.select_one(".app-video__meta")
    assert "Dr Richard Allen" in meta.get_text() and meta.time["datetime"] == "PT0H42M10S"
    assert "42 minutes 10 seconds" in meta.get_text()
    play = video.select_one("button.app-video__play")
    assert play.has_attr("hidden"), "the play button only appears when JavaScript can use it"
    watch = video.select_one("a[href^='https://www.youtube.com/watch']")
    assert "on YouTube" in watch.get_text()
    transcript = video.select_one("details.app-video__transcript")
    assert transcript.has_attr("open")
    assert "where your baby sleeps" in transcript.get_text()
    # The workstream lists its resources too.
    assert soup.select("#resources ~ ul .app-resource")


def test_library_keeps_its_plain_get_filter_form(client, launch_content):
    soup = get_soup(client, PUBLIC_PAGES["library"])
    form = soup.select_one("form.app-filters")
    assert form["method"] == "get"
    names = {box["name"] for box in form.select("input[type=checkbox]")}
    assert names == {"audience", "workstream", "format"}
    checked = {(box["name"], box["value"]) for box in form.select("input[checked]")}
    assert checked == {("audience", "parents"), ("format", "website")}
    for box in form.select("input[type=checkbox]"):
        assert form.select_one(f"label[for='{box['id']}']")
    assert soup.select(".app-resource .app-tag")


def test_strategy_page_shows_the_themes_as_cards(client, launch_content):
    soup = get_soup(client, "/")
    cards = soup.select(".app-card-list > li.app-card")
    assert len(cards) == 4
    first = cards[0].select_one("a.app-card__link")
    assert first["href"] == "/preventing-non-accidental-injuries/"
    assert re.sub(r"\s+", " ", first.get_text(strip=True)).startswith("1.")


def test_404_page_uses_the_layout_and_says_what_to_do(client, launch_content):
    soup = get_soup(client, "/no-such-page/", status=404)
    assert soup.h1.get_text(strip=True) == "Page not found"
    assert soup.select_one("footer .app-helpline")


def test_500_page_needs_no_database_and_stands_alone():
    with CaptureQueriesContext(connection) as queries:
        html = loader.get_template("500.html").render()
    assert len(queries) == 0
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en-GB"
    assert "call 999" in soup.get_text()
    assert soup.select_one("link[rel=stylesheet]")["href"].endswith("dist/main.css")
    # It stands on the error-page frame, never on base.html (whose tags query the database).
    source = Path(loader.get_template("500.html").origin.name).read_text()
    assert '{% extends "error_page.html" %}' in source
