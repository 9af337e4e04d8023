"""Under gunicorn with the production settings: a request carrying a SCRIPT_NAME header cannot
plant a page whose links point elsewhere in the cache everyone is served from."""

import http.client

import pytest
import requests

from tests.support.stack import Stack

# Starts servers of its own (not in `make test-fast`), sharing the local Redis.
pytestmark = [pytest.mark.slow, pytest.mark.redis]


@pytest.fixture(scope="module")
def stack():
    with Stack(instances=1, workers=1) as running:
        yield running


def test_a_forged_script_name_header_is_refused_and_poisons_nothing(stack):
    (base,) = stack.urls
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    connection.putheader("Host", f"{host}:{port}")
    connection.putheader("SCRIPT_NAME", "//evil.example")
    connection.endheaders()
    forged = connection.getresponse()
    body = forged.read()
    assert forged.status == 400 or b"evil.example" not in body
    for _ in range(2):
        page = requests.get(f"{base}/", timeout=10)
        assert page.status_code == 200
        assert "evil.example" not in page.text


def test_a_long_pasted_search_is_cut_and_an_endless_one_refused(stack):
    (base,) = stack.urls
    long_search = requests.get(f"{base}/search/", params={"q": "sleep " * 1000}, timeout=10)
    assert long_search.status_code == 200
    assert "searched for its first 200 characters" in long_search.text
    endless = requests.get(f"{base}/search/", params={"q": "x" * 20000}, timeout=10)
    assert endless.status_code == 414
