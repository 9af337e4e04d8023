"""Hostile traffic against the page cache: junk query strings share the page's entry, missing
pages are kept, and a visitor who makes the server render too much is refused (a 429) while
everyone else is served. Budgets are per address (REMOTE_ADDR here: no proxy in front)."""

import secrets
import time

import pytest
from bs4 import BeautifulSoup

from caching.cache import page_cache

STATUS = "X-Page-Cache"
HELPLINE = "0300 300 0123"


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def links(response):
    return [a["href"] for a in BeautifulSoup(response.content, "html.parser").select("a[href]")]


@pytest.fixture
def warm(client, cached_site):
    """The home page visited once, so the site chrome (which holds what each page reads from
    the query string) is cached, as it is on a running site."""
    assert client.get("/")[STATUS] == "miss"
    return cached_site


@pytest.mark.parametrize(
    "junk",
    [
        "x=" + secrets.token_hex(8),
        "q=%3Cscript%3E&page=2",
        "feedback=maybe",
        "&&&=&a",
        "a=1&" * 300,
        "%ff%fe=%00",
    ],
)
def test_junk_query_strings_are_the_page_itself_from_the_cache(client, warm, junk):
    home = client.get("/")
    response = client.get("/?" + junk)
    assert response.status_code == 200
    assert response[STATUS] == "hit"
    assert response.content == home.content


def stored_keys():
    return {key for key in page_cache()._cache if ":pagecache:" in key}


def test_junk_query_strings_add_nothing_to_the_shared_cache(client, warm):
    before = stored_keys()
    for _ in range(200):
        assert client.get(f"/?x={secrets.token_hex(6)}")[STATUS] == "hit"
    assert stored_keys() == before


def test_the_library_sees_only_its_own_filters_in_one_order(client, warm):
    library = warm["library"].url
    plain = client.get(library + "?audience=parents&format=guide")
    assert plain[STATUS] == "miss"
    for variant in (
        "format=guide&audience=parents",
        "audience=parents&format=guide&format=guide",
        "format=guide&audience=parents&audience=grandparents&x=1",
        "audience=%20parents&format=guide&page=abc&utm_source=mail",
    ):
        response = client.get(f"{library}?{variant}")
        assert response[STATUS] == "hit", variant
        assert response.content == plain.content


def test_junk_never_reaches_the_page_links(client, warm):
    library = warm["library"].url
    response = client.get(f"{library}?format=guide&evil=%22onmouseover%3D1&page=1")
    assert response.status_code == 200
    assert not [href for href in links(response) if "evil" in href]


def test_a_page_number_out_of_range_is_the_first_page(client, warm):
    library = warm["library"].url
    first = client.get(library)
    for page in ("0", "101", "99999999999", "-1", "1.5"):
        response = client.get(f"{library}?page={page}")
        assert response[STATUS] == "hit", page
        assert response.content == first.content


def test_random_missing_paths_are_404s_that_cost_the_visitor(client, warm, settings):
    settings.NOT_FOUND_RATE = "5/m"
    before = stored_keys()
    for _ in range(5):
        assert client.get(f"/{secrets.token_hex(6)}/").status_code == 404
    # Kept by this process only: nothing of them in the cache the instances share.
    assert stored_keys() == before
    refused = client.get(f"/{secrets.token_hex(6)}/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "private" in refused["Cache-Control"] or "no-cache" in refused["Cache-Control"]
    assert HELPLINE in text(refused)
    # The refusal carries a page's security headers.
    assert "frame-ancestors 'none'" in refused["Content-Security-Policy"]
    assert refused["X-Content-Type-Options"] == "nosniff"
    # What is in the cache is still served to them, and so are real pages: missing pages are
    # counted apart (tests/caching/test_budgets_cannot_be_skipped.py).
    assert client.get("/")[STATUS] == "hit"
    assert client.get(warm["library"].url).status_code == 200
    assert client.get(f"/{secrets.token_hex(6)}/").status_code == 429
    # Another visitor is not affected.
    other = client.get(f"/{secrets.token_hex(6)}/", REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 404


def page_urls(content):
    pages = [content["strategy"], content["library"], content["parents"]]
    for group in ("workstreams", "standard", "advice"):
        pages += list(content[group].values())
    return [page.url for page in pages]


def test_cache_misses_cost_a_budget_that_refills(client, warm, settings):
    settings.PAGE_RENDER_RATE = "3/5s"
    paths = page_urls(warm)[1:]
    # django-ratelimit's windows start at a time of its own: the budget may refill once while
    # these few requests are made, never twice.
    statuses = [client.get(path).status_code for path in paths[:7]]
    assert statuses[:3] == [200, 200, 200]
    assert 429 in statuses
    refused = client.get(paths[8])
    assert refused.status_code == 429
    assert "a lot of requests from your connection" in text(refused)
    assert HELPLINE in text(refused)
    for _ in range(20):
        assert client.get(paths[0])[STATUS] == "hit"  # hits cost nothing
    time.sleep(int(refused["Retry-After"]))
    assert client.get(paths[8]).status_code == 200


def test_the_refusal_costs_no_query(client, warm, settings, django_assert_num_queries):
    settings.PAGE_RENDER_RATE = "1/m"
    assert client.get(warm["library"].url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(warm["standard"]["privacy-notice"].url).status_code == 429
