"""The database goes away under a real gunicorn with the production settings, then comes back.

On PostgreSQL (CI) the instance reaches its scratch database through a small TCP relay that the
test cuts and restores, so open connections break as they would in an outage. On SQLite the
database file is replaced by a folder and put back (connections are not kept, DB_CONN_MAX_AGE=0).
"""

import os
import urllib.parse

import pytest
import requests
from bs4 import BeautifulSoup

from tests.support.relay import TcpRelay
from tests.support.stack import Stack

# Starts servers of its own (not in `make test-fast`), sharing the local Redis.
pytestmark = [pytest.mark.slow, pytest.mark.redis]


@pytest.fixture(scope="module")
def outage():
    """(stack, cut, restore): a one-instance stack and how to take its database away."""
    stack = Stack(instances=1, workers=1)
    if stack.database.postgres:
        parts = urllib.parse.urlsplit(stack.database.url)
        relay = TcpRelay(parts.port or 5432).up()
        userinfo = parts.netloc.rpartition("@")[0]
        via_relay = parts._replace(netloc=f"{userinfo}@127.0.0.1:{relay.port}").geturl()
        stack.per_instance = [{"DATABASE_URL": via_relay}]
        cut, restore = relay.down, relay.up
    else:
        stack.per_instance = [{"DB_CONN_MAX_AGE": "0"}]
        path = stack.database.name

        def cut():  # a folder where the file was: SQLite cannot open it
            os.replace(path, path + ".away")
            os.mkdir(path)

        def restore():
            os.rmdir(path)
            os.replace(path + ".away", path)

    with stack:
        yield stack, cut, restore


def test_database_outage_under_gunicorn(outage):
    stack, cut, restore = outage
    (base,) = stack.urls
    workstream = stack.shell(
        "from strategy.models import WorkstreamPage; "
        "print(WorkstreamPage.objects.order_by('number').first().url)"
    )
    assert requests.get(f"{base}/", timeout=30).status_code == 200
    assert requests.get(f"{base}/", timeout=30).headers["X-Page-Cache"] == "hit"

    cut()
    try:
        home = requests.get(f"{base}/", timeout=30)
        assert home.status_code == 200
        assert home.headers["X-Page-Cache"] == "hit"

        page = requests.get(f"{base}{workstream}", timeout=30)
        assert page.status_code == 503
        words = " ".join(BeautifulSoup(page.text, "html.parser").get_text().split())
        assert "Sorry, the service is unavailable" in words
        assert "If a baby is in immediate danger, call 999." in words
        assert "Traceback" not in page.text
        assert requests.get(f"{base}/readyz", timeout=30).status_code == 503
    finally:
        restore()

    # Back without a restart: the very next requests work.
    assert requests.get(f"{base}/readyz", timeout=30).status_code == 200
    page = requests.get(f"{base}{workstream}", timeout=30)
    assert page.status_code == 200
    assert "Preventing non-accidental injuries" in page.text
