"""The database goes away: cached pages still served, others the branded 503, and recovery."""

import socket
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from django.db import connections
from django.test import Client

from protecting_babies.faults import service_unavailable

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_unreachable():
    """Point the default connection at a database that cannot be reached, then put it back.

    PostgreSQL: a closed port on this machine. SQLite: a file in a folder that does not exist
    (the in-memory test database is kept alive by holding its connection aside meanwhile).
    """
    conn = connections["default"]
    saved_settings = dict(conn.settings_dict)
    saved_connection = None
    if conn.vendor == "sqlite":
        saved_connection, conn.connection = conn.connection, None
        conn.settings_dict["NAME"] = "/nonexistent-folder/protecting-babies.sqlite3"
    else:
        conn.close()
        conn.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        yield
    finally:
        if conn.vendor == "sqlite":
            conn.connection = saved_connection
        else:
            conn.close()
        conn.settings_dict.clear()
        conn.settings_dict.update(saved_settings)


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def assert_branded_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    words = text(response)
    assert "Sorry, the service is unavailable" in words
    assert "If a baby is in immediate danger, call 999" in words  # 999 a link to call
    assert "Traceback" not in words
    assert "OperationalError" not in words


def test_database_outage_serves_cached_pages_503_elsewhere_and_recovers(cached_site):
    client = Client(raise_request_exception=False)
    workstream = cached_site["workstreams"][1].url
    assert client.get("/").status_code == 200  # now in the page cache

    with database_unreachable():
        home = client.get("/")
        assert home.status_code == 200
        assert home["X-Page-Cache"] == "hit"
        assert "Protecting Babies" in text(home)

        assert_branded_503(client.get(workstream))
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200

    # The database is back: no restart, the next request simply works.
    response = client.get(workstream)
    assert response.status_code == 200
    assert cached_site["workstreams"][1].title in text(response)
    assert client.get("/readyz").status_code == 200


def test_database_outage_in_a_middleware_is_a_503_too(cached_site):
    """Signed-in requests load the session in middleware, before any view runs."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-session-that-needs-the-database"
    with database_unreachable():
        assert_branded_503(client.get("/admin/"))
        assert_branded_503(client.get("/"))
    assert client.get("/").status_code == 200


def test_the_503_page_makes_no_query(cached_site, django_assert_num_queries):

    with django_assert_num_queries(0):
        response = service_unavailable()
    assert_branded_503(response)
