"""Each page kept but for its per-request parts (caching/fragments.py): a kept page renders
none of its template but those parts; they are made for each request (the editor's user bar,
the feedback box's signed time), and a visitor never sees an editor's nor the marks."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.utils import timezone

from caching.cache import page_cache
from caching.middleware import FRESH_UNTIL
from core.dates import uk_today
from feedback import forms as feedback_forms
from sitechrome.chrome import invalidate_routes
from tests.support.public_content import set_notices

# Rendered whenever the page is (its <head> metadata, its feedback box), never for a kept page.
SHARED_TEMPLATES = {"components/meta.html", "feedback/box.html"}
USERBAR = b"wagtail-userbar"


@pytest.fixture
def kept(settings, launch_content):
    """The launch content with the page cache off and each page kept."""
    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_FRAGMENTS_ENABLED = True
    page_cache().clear()
    return launch_content


def templates(response):
    return {template.name for template in response.templates}


def rendered_time(response):
    """The time the feedback box says the page was rendered at, and for which page."""
    soup = BeautifulSoup(response.content, "html.parser")
    token = soup.select_one("input[name=rendered]")["value"]
    return signing.loads(token, salt=feedback_forms.RENDERED_SALT)


def test_a_kept_page_renders_only_its_per_request_parts(client, kept):
    path = kept["advice"]["coping-with-crying"].url
    first = client.get(path)
    assert templates(first) >= SHARED_TEMPLATES
    second = client.get(path)
    assert second.status_code == 200
    assert not SHARED_TEMPLATES & templates(second)
    assert b"per-request" not in first.content
    assert b"per-request" not in second.content
    assert BeautifulSoup(second.content, "html.parser").select_one("footer") is not None
    assert second.content.count(b"<html") == 1


class Clock:
    """The feedback form's clock alone (the rest of the site keeps the real one)."""

    now = 1_900_000_000

    def time(self):
        return self.now


def test_each_request_of_a_kept_page_gets_its_own_feedback_time(client, kept, monkeypatch):
    page = kept["advice"]["coping-with-crying"]
    clock = Clock()
    monkeypatch.setattr(feedback_forms, "time", clock)
    assert rendered_time(client.get(page.url)) == [1_900_000_000, page.pk]
    clock.now += 3600
    again = client.get(page.url)
    assert not SHARED_TEMPLATES & templates(again)  # kept, not rendered again
    assert rendered_time(again) == [1_900_003_600, page.pk]


def test_an_editors_user_bar_never_reaches_a_visitor_from_a_kept_page(client, admin_client, kept):
    editor_first = kept["advice"]["safer-sleep-for-your-baby"].url
    assert USERBAR in admin_client.get(editor_first).content
    visitor = client.get(editor_first)
    assert not SHARED_TEMPLATES & templates(visitor)  # the editor's render, kept
    assert USERBAR not in visitor.content

    visitor_first = kept["advice"]["when-to-get-help"].url
    assert USERBAR not in client.get(visitor_first).content
    editor = admin_client.get(visitor_first)
    assert not SHARED_TEMPLATES & templates(editor)
    assert USERBAR in editor.content


def test_a_page_is_rendered_whole_without_keeping(client, kept, settings):
    settings.PAGE_FRAGMENTS_ENABLED = False
    path = kept["advice"]["coping-with-crying"].url
    for _ in range(2):
        response = client.get(path)
        assert templates(response) >= SHARED_TEMPLATES
        assert b"per-request" not in response.content


def test_a_kept_page_still_says_until_when_it_may_be_kept_once_the_routes_changed(client, kept):
    """A notice starting in three days: pages may be kept until that midnight and no later,
    also when a page is kept and the chrome must be built again first (a page published
    elsewhere replaced the routes)."""
    starts = uk_today() + datetime.timedelta(days=3)
    set_notices([(starts, starts, True, "Closed for training; in an emergency call 999")])
    midnight = datetime.datetime.combine(
        starts, datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    path = kept["advice"]["coping-with-crying"].url
    assert getattr(client.get(path), FRESH_UNTIL) == midnight
    invalidate_routes()
    again = client.get(path)
    assert not SHARED_TEMPLATES & templates(again)  # kept, not rendered again
    assert getattr(again, FRESH_UNTIL, None) == midnight
