"""Budgets that cannot be skipped (issue 21, items 3 and 7): every render the page cache does
not answer is counted, made-up credentials included; a real signed-in editor has a budget of
their own, checked after sign-in; IPv6 visitors are counted by their /64; and one address's
flood of missing pages does not refuse real pages to the people sharing that address."""

import secrets

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from redis.connection import Connection

from caching.cache import forget_local_copies
from protecting_babies.settings.caching import redis_caches

STATUS = "X-Page-Cache"


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def missing():
    return f"/no-such-page-{secrets.token_hex(6)}/"


@pytest.fixture
def warm(client, cached_site):
    assert client.get("/")[STATUS] == "miss"
    return cached_site


def page_urls(content):
    pages = [content["library"], content["parents"]]
    for group in ("workstreams", "standard", "advice"):
        pages += list(content[group].values())
    return [page.url for page in pages]


@pytest.mark.parametrize(
    "credentials",
    [
        {"HTTP_COOKIE": "sessionid=x"},
        {"HTTP_COOKIE": f"sessionid={secrets.token_hex(16)}"},
        {"HTTP_AUTHORIZATION": "Basic eDp4"},
    ],
    ids=["short cookie", "session-like cookie", "authorization"],
)
def test_made_up_credentials_do_not_skip_the_budgets(warm, settings, credentials):
    """The attack of issue 21: 130 missing pages with a made-up session cookie or an
    Authorization header were 130 × 404, never a 429."""
    settings.NOT_FOUND_RATE = "5/h"
    client = Client(**credentials)
    statuses = [client.get(missing()).status_code for _ in range(12)]
    assert statuses[:5] == [404] * 5
    assert set(statuses[5:]) == {429}, statuses
    refused = client.get(missing())
    assert "a lot of requests from your connection" in text(refused)


def test_made_up_credentials_pay_the_render_budget_too(warm, settings):
    settings.PAGE_RENDER_RATE = "3/h"
    client = Client(HTTP_COOKIE="sessionid=x")
    statuses = [client.get(url).status_code for url in page_urls(warm)[:6]]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_renders_are_counted_with_the_page_cache_off(warm, settings):
    """Whatever the cache does not answer is counted, also when it answers nothing."""
    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_RENDER_RATE = "3/h"
    client = Client()
    assert [client.get("/").status_code for _ in range(5)] == [200, 200, 200, 429, 429]


def test_a_signed_in_editor_has_a_larger_budget_of_their_own(warm, settings):
    """A real session is counted after sign-in, against the person's own budget: neither the
    visitors sharing the editor's address nor the editor spend each other's."""
    settings.PAGE_RENDER_RATE = "2/h"
    settings.SIGNED_IN_RENDER_RATE = "5/h"
    editor = get_user_model().objects.create_superuser("budgeted", "b@example.org", "x" * 20)
    urls = page_urls(warm)
    visitor = Client(REMOTE_ADDR="192.0.2.50")
    assert [visitor.get(url).status_code for url in urls[:3]] == [200, 200, 429]

    signed_in = Client(REMOTE_ADDR="192.0.2.50")
    signed_in.force_login(editor)
    statuses = [signed_in.get(url).status_code for url in urls[:7]]
    assert statuses == [200] * 5 + [429] * 2
    refused = signed_in.get(urls[0])
    assert refused.status_code == 429
    assert "Retry-After" in refused


def test_a_password_without_the_second_factor_pays_as_a_visitor(warm, settings):
    settings.ADMIN_2FA_REQUIRED = True
    settings.PAGE_RENDER_RATE = "2/h"
    settings.SIGNED_IN_RENDER_RATE = "50/h"
    editor = get_user_model().objects.create_superuser("half", "h@example.org", "x" * 20)
    half_signed_in = Client(REMOTE_ADDR="192.0.2.51")
    half_signed_in.force_login(editor)  # the password, not the code
    statuses = [half_signed_in.get(url).status_code for url in page_urls(warm)[:3]]
    assert statuses == [200, 200, 429]


def test_ipv6_visitors_are_counted_by_their_64(warm, settings):
    """An IPv6 visitor is given a whole /64 and can use any address in it."""
    settings.NOT_FOUND_RATE = "3/h"
    for host in ("::1", "::2", "::ab:cd"):
        assert Client(REMOTE_ADDR=f"2001:db8:1:2{host}").get(missing()).status_code == 404
    assert Client(REMOTE_ADDR="2001:db8:1:2:ffff:ffff:ffff:fffe").get(missing()).status_code == 429
    # The next /64 along is someone else.
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").get(missing()).status_code == 404


def test_an_ipv4_mapped_address_is_the_ipv4_address(warm, settings):
    settings.NOT_FOUND_RATE = "2/h"
    assert Client(REMOTE_ADDR="192.0.2.9").get(missing()).status_code == 404
    assert Client(REMOTE_ADDR="::ffff:192.0.2.9").get(missing()).status_code == 404
    assert Client(REMOTE_ADDR="192.0.2.9").get(missing()).status_code == 429


def test_a_flood_of_missing_pages_does_not_refuse_real_pages_to_neighbours(warm, settings):
    """Behind one address (a hospital, an office), one machine asks for hundreds of missing
    pages: its missing pages are refused, and everyone's real pages are still served."""
    settings.NOT_FOUND_RATE = "5/h"
    scanner = Client(REMOTE_ADDR="198.51.100.4")
    statuses = [scanner.get(missing()).status_code for _ in range(30)]
    assert statuses[:5] == [404] * 5
    assert set(statuses[5:]) == {429}
    neighbour = Client(REMOTE_ADDR="198.51.100.4")
    for url in page_urls(warm)[:5]:  # none cached yet: each is rendered
        response = neighbour.get(url)
        assert response.status_code == 200, url
        assert response[STATUS] == "miss"


def test_a_flood_from_one_address_still_meets_a_ceiling(warm, settings):
    """Missing pages are counted apart from real ones, but what one address can make the
    server render, of either kind, has a ceiling; past it nothing is rendered for it."""
    settings.NOT_FOUND_RATE = "5/h"
    settings.RENDER_CEILING_RATE = "20/h"
    client = Client(REMOTE_ADDR="198.51.100.5")
    statuses = [client.get(missing()).status_code for _ in range(20)]
    assert statuses.count(404) == 5
    assert client.get(page_urls(warm)[0]).status_code == 429
    assert client.get("/")[STATUS] == "hit"  # hits are never refused


# --- The same budgets on Redis, as in production, counted in one round trip ------------------

REDIS_DB = 12  # this suite's own Redis database number


@pytest.fixture
def on_redis(warm, settings):
    """The caches on the local Redis (the budgets, the chrome, the pages), emptied first."""
    settings.CACHES = redis_caches(f"redis://127.0.0.1:6379/{REDIS_DB}")
    caches["default"].clear()
    forget_local_copies()
    client = Client()
    assert client.get("/")[STATUS] == "miss"
    yield warm
    caches["default"].clear()


class RoundTrips:
    """Every command or pipeline this process sends to Redis: one round trip each."""

    def __init__(self, monkeypatch):
        self.count = 0
        send = Connection.send_packed_command

        def counted(connection, command, check_health=True):
            self.count += 1
            return send(connection, command, check_health)

        monkeypatch.setattr(Connection, "send_packed_command", counted)


@pytest.mark.redis
def test_on_redis_a_render_asks_for_its_budgets_in_one_round_trip(on_redis, settings, monkeypatch):
    """The budgets cost an uncached render one wait on Redis, not one per budget and step."""
    trips = RoundTrips(monkeypatch)
    urls = page_urls(on_redis)
    settings.RATELIMIT_ENABLE = False
    before = trips.count
    assert Client().get(urls[0])[STATUS] == "miss"
    without_budgets = trips.count - before
    settings.RATELIMIT_ENABLE = True
    before = trips.count
    assert Client().get(urls[1])[STATUS] == "miss"
    assert trips.count - before == without_budgets + 1


@pytest.mark.redis
def test_on_redis_missing_pages_and_renders_are_counted_apart(on_redis, settings):
    settings.NOT_FOUND_RATE = "5/h"
    settings.PAGE_RENDER_RATE = "4/h"
    scanner = Client(REMOTE_ADDR="198.51.100.6")
    statuses = [scanner.get(missing()).status_code for _ in range(20)]
    assert statuses[:5] == [404] * 5
    assert set(statuses[5:]) == {429}
    # None of the 20 missing pages spent the pages' budget: 4 renders, then a refusal.
    neighbour = Client(REMOTE_ADDR="198.51.100.6")
    statuses = [neighbour.get(url).status_code for url in page_urls(on_redis)[:5]]
    assert statuses == [200] * 4 + [429]
    refused = neighbour.get(page_urls(on_redis)[6])
    assert "a lot of requests from your connection" in text(refused)
    assert int(refused["Retry-After"]) > 0
    # Another address has budgets of its own.
    assert Client(REMOTE_ADDR="198.51.100.7").get(page_urls(on_redis)[6]).status_code == 200
