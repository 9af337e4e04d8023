"""Search under load: a budget per visitor, a cap on searches at once per process, and (on
PostgreSQL) a time limit on each, so a flood of searches cannot take the site down."""

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.db import connection

from search.results import SLOTS

HELPLINE = "0300 300 0123"


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".app-search-result__title")]


def assert_busy(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    words = text(response)
    assert "search is busy right now" in words
    assert "browse all the resources" in words
    assert HELPLINE in words  # the page around it, with the helpline, is still there
    assert not result_titles(response)
    assert "Nothing found" not in words


def test_searches_cost_a_budget_and_the_form_alone_does_not(client, launch_content, settings):
    settings.SEARCH_RATE = "3/m"
    for word in ("sleep", "crying", "shaking"):
        assert client.get("/search/", {"q": word}).status_code == 200
    for _ in range(5):
        assert client.get("/search/").status_code == 200
    refused = client.get("/search/", {"q": "help"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "a lot of searches from your connection" in text(refused)
    assert HELPLINE in text(refused)
    other = client.get("/search/", {"q": "help"}, REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 200


def test_when_every_search_slot_is_taken_search_is_busy_at_once(client, launch_content, settings):
    settings.SEARCH_CONCURRENCY = 1
    settings.SEARCH_WAIT_SECONDS = 0.05
    with SLOTS.take() as taken:
        assert taken
        assert_busy(client.get("/search/", {"q": "sleep"}))
    # The slot is free again: the next search runs.
    response = client.get("/search/", {"q": "sleep"})
    assert response.status_code == 200
    assert "Safer sleeping" in result_titles(response)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a statement timeout is PostgreSQL's")
def test_a_search_that_runs_too_long_is_stopped_and_search_is_busy(
    client, launch_content, settings
):
    """Another connection holds the search index locked, so the search waits; the time limit
    stops it and the visitor is told to try again, not left waiting."""
    settings.SEARCH_STATEMENT_TIMEOUT_MS = 300
    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:
        # Without the time limit the search would wait for the lock: held for 10 s at most.
        other.execute("SET idle_in_transaction_session_timeout = '10s'")
        other.execute("LOCK TABLE wagtailsearch_indexentry IN ACCESS EXCLUSIVE MODE")
        assert_busy(client.get("/search/", {"q": "sleep"}))
        other.rollback()
    # The request's connection is still usable, and nothing of the limit is left on it.
    response = client.get("/search/", {"q": "sleep"})
    assert response.status_code == 200
    assert "Safer sleeping" in result_titles(response)
