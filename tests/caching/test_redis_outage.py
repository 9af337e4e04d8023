"""Redis goes away: every page still works, uncached; purges missed meanwhile are made good."""

import socket
import time

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches

from caching import breaker
from helpline.models import HelplineSettings
from protecting_babies.settings.caching import redis_caches
from tests.support.relay import TcpRelay

# This suite's own Redis database number, so it never touches anyone else's keys.
REDIS_DB = 13

# Two of these reach the local Redis; without it they would fail, or pass having tested nothing.
pytestmark = pytest.mark.redis


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def cache_state():
    breaker.reset()
    yield breaker._state
    breaker.reset()


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_every_page_works_with_redis_unreachable(client, settings, launch_content, cache_state):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{closed_port()}/0")
    settings.PAGE_CACHE_ENABLED = True
    # The budgets are counted in Redis too: with it gone they are off, never the site.
    settings.PAGE_RENDER_RATE = settings.NOT_FOUND_RATE = settings.SEARCH_RATE = "1/m"
    paths = [
        "/",
        launch_content["workstreams"][1].url,
        launch_content["library"].url + "?audience=parents&format=website&x=junk",
        launch_content["standard"]["privacy-notice"].url,
        "/search/?q=sleep",
        "/admin/login/",
    ]
    started = time.monotonic()
    for path in paths * 2:
        response = client.get(path)
        assert response.status_code == 200, path
        if not path.startswith(("/admin/", "/search/")):
            assert response["X-Page-Cache"] == "off", path
            assert "Protecting Babies" in text(response)
    for _ in range(2):
        assert client.get("/no-such-page/").status_code == 404
    # Refused connections fail fast, and the page cache stops asking after the first failure.
    assert time.monotonic() - started < 20
    assert breaker.is_open()


def test_a_purge_missed_during_an_outage_is_made_good_when_redis_returns(
    client, settings, launch_content, cache_state, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = redis_caches(f"redis://127.0.0.1:6379/{REDIS_DB}")
    caches["pages"].clear()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"

    # Redis goes away while the helpline number is changed: the purge cannot be written.
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{closed_port()}/0")
    helpline = HelplineSettings.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        helpline.phone_display = "0300 300 0999"
        helpline.phone_dial = "+443003000999"
        helpline.save()
    assert cache_state["writes_lost"]

    # Redis is back, still holding the old page: it must not be served.
    settings.CACHES = redis_caches(f"redis://127.0.0.1:6379/{REDIS_DB}")
    cache_state["open_until"] = 0.0
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "0300 300 0999" in text(response)
    assert client.get("/")["X-Page-Cache"] == "hit"
    caches["pages"].clear()


def test_a_helpline_change_lost_while_redis_was_away_shows_once_it_returns(
    client, settings, launch_content, cache_state, monkeypatch, django_capture_on_commit_callbacks
):
    """The caches reach Redis through a relay, cut and restored: the new site chrome version
    written during the outage is lost, and must be made good when Redis answers again."""
    monkeypatch.setattr(breaker, "RETRY_AFTER_SECONDS", 0.2)
    relay = TcpRelay(6379).up()
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{relay.port}/{REDIS_DB}")
    caches["default"].clear()
    try:
        assert "0300 300 0123" in text(client.get("/"))  # the chrome, now kept in Redis

        relay.down()
        helpline = HelplineSettings.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            helpline.phone_display = "0300 300 0999"
            helpline.phone_dial = "+443003000999"
            helpline.save()
        assert breaker.is_open()
        assert "0300 300 0999" in text(client.get("/"))  # built from the database meanwhile

        relay.up()
        time.sleep(0.3)  # the breaker's pause is over
        page = text(client.get("/"))
        assert "0300 300 0999" in page
        assert "0300 300 0123" not in page
    finally:
        relay.down()
