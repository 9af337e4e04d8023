"""Each page kept but for its per-request parts (caching/fragments.py): a kept page renders
none of its template but those parts; they are made for each request (the editor's user bar,
the feedback box's signed time), and a visitor never sees an editor's nor the marks."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.models import PageViewRestriction

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


BRANDED_PASSWORD_FORM = """{% extends "base.html" %}
{% block feedback %}{% endblock %}
{% block content %}<h1>Enter the password</h1>
<form action="{{ action_url }}" method="post">{% csrf_token %}{{ form.as_p }}</form>{% endblock %}
"""


@pytest.mark.parametrize("first", ["with the password", "without it"])
def test_a_password_form_in_a_pages_place_is_never_kept(settings, kept, tmp_path, first):
    """Wagtail's password form has the restricted page in its context: were it branded with
    base.html (as the team pages' sign-in is), it would be keyed as the page itself."""
    (tmp_path / "password_required.html").write_text(BRANDED_PASSWORD_FORM)
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    settings.WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"
    page = kept["advice"]["coping-with-crying"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="a-long-password"
    )
    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    insider, outsider = Client(), Client()
    insider.post(unlock, {"password": "a-long-password", "return_url": page.url})
    clients = [insider, outsider] if first == "with the password" else [outsider, insider]
    for _ in range(2):
        for client in clients:
            shown = client.get(page.url).content.decode()
            assert ("Enter the password" in shown) is (client is outsider)
            assert ("All babies cry" in shown) is (client is insider)


@pytest.mark.parametrize(
    "mark",
    ["<!--pb:per-request:userbar:x-->", "<!--pb:0123456789abcdef0123:feedback-rendered:x-->"],
)
def test_a_mark_written_into_content_is_only_a_comment(client, kept, mark):
    """Text is escaped and the editor drops comments, but rich text written in code or
    imported keeps them: a mark there is not this release's, so it is never filled."""
    page = kept["advice"]["coping-with-crying"]
    raw = [*page.body.raw_data, {"type": "text", "value": f"<p>Hello</p>{mark}", "id": "x"}]
    page.body = StreamValue(page.body.stream_block, raw, is_lazy=True)
    page.save_revision().publish()
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert rendered_time(response)[1] == page.pk
