"""Redis hangs (accepts connections, never answers) under a real gunicorn with the production
settings: pages still come quickly, because each cache stops asking after its first timeout."""

import socket
import time

import pytest
import requests

from tests.support.stack import Stack

# Starts servers of its own (not in `make test-fast`), sharing the local Redis.
pytestmark = [pytest.mark.slow, pytest.mark.redis]


@pytest.fixture(scope="module")
def hung_redis_site():
    """A one-instance stack whose REDIS_URL points at a server that never answers."""
    with socket.create_server(("127.0.0.1", 0), backlog=256) as silent:
        stack = Stack(instances=1, workers=1)
        stack.per_instance = [{"REDIS_URL": f"redis://127.0.0.1:{silent.getsockname()[1]}/0"}]
        with stack:
            yield stack


def test_pages_stay_quick_while_redis_hangs(hung_redis_site):
    stack = hung_redis_site
    (base,) = stack.urls
    paths = [
        "/",
        stack.shell(
            "from strategy.models import WorkstreamPage; "
            "print(WorkstreamPage.objects.order_by('number').first().url)"
        ),
        stack.shell(
            "from resources.models import ResourceIndexPage; "
            "print(ResourceIndexPage.objects.get().url)"
        ),
    ]
    # The first page waits out the timeouts (0.5 s each) that open both breakers.
    assert requests.get(f"{base}/", timeout=30).status_code == 200

    started = time.monotonic()
    for path in paths * 3:
        response = requests.get(f"{base}{path}", timeout=30)
        assert response.status_code == 200, path
        assert response.headers["X-Page-Cache"] == "off"
        assert "Protecting Babies" in response.text
    elapsed = time.monotonic() - started
    # Without the breakers every page waits 0.5 s per cache call, several per page (> 10 s).
    assert elapsed < 3, f"9 pages took {elapsed:.1f} s"


def test_editors_can_still_reach_the_sign_in_page_while_redis_hangs(hung_redis_site):
    (base,) = hung_redis_site.urls
    requests.get(f"{base}/", timeout=30)  # opens the breakers if no test did yet
    started = time.monotonic()
    response = requests.get(f"{base}/admin/login/", timeout=30)
    assert response.status_code == 200
    assert "Sign in" in response.text
    assert time.monotonic() - started < 1
