"""The shipped edge (deploy/nginx/protecting-babies.conf), run by the real nginx in front of two
gunicorn instances of the production stack, as in production: a load balancer in front (these
tests, from 127.0.0.1, naming the visitor in X-Forwarded-For), then the edge, then gunicorn
counting 2 proxies (TRUSTED_PROXY_COUNT=2).

What the edge answers itself never reaches gunicorn, so each refusal is checked against
gunicorn's access logs as well as by what the visitor gets.
"""

import contextlib
import gzip
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.support.edge import Edge
from tests.support.stack import Stack

pytestmark = pytest.mark.slow

# 2 instances x 1 worker x 2 threads: 4 threads in all, so a handful of slow clients would hold
# every one of them if the edge let them through.
INSTANCES, WORKERS, THREADS = 2, 1, 2
# The app's own budget for missing pages, small so the tests reach it: which address it counts
# shows which address the app sees.
NOT_FOUND_RATE = "5/m"
VISITOR, OTHER_VISITOR = "198.51.100.9", "198.51.100.8"
# The visitor who spends the app's budget for missing pages (so no other test uses its address).
SPENDER = "198.51.100.7"


@pytest.fixture(scope="module")
def stack():
    with Stack(
        instances=INSTANCES,
        workers=WORKERS,
        extra_env={
            "TRUSTED_PROXY_COUNT": "2",
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
            "GUNICORN_THREADS": str(THREADS),
            "NOT_FOUND_RATE": NOT_FOUND_RATE,
        },
    ) as running:
        yield running


@pytest.fixture(scope="module")
def edge(stack):
    with Edge(stack.ports) as running:
        yield running


def via_load_balancer(visitor):
    """The headers the TLS load balancer adds: the visitor's address, and the scheme (plain
    HTTP here: the stack runs the production settings without HTTPS, bench/settings.py)."""
    return {"X-Forwarded-For": visitor, "X-Forwarded-Proto": "http"}


def visit(edge, path, visitor=VISITOR, headers=None, **kwargs):
    """A visitor's GET through the load balancer and the edge."""
    headers = {**via_load_balancer(visitor), **(headers or {})}
    return requests.get(f"{edge.url}{path}", headers=headers, timeout=10, **kwargs)


def app_requests(stack, path, method="GET"):
    """How many requests for `path` gunicorn logged, over both instances. gunicorn logs a
    request just after answering it: give it a moment first."""
    time.sleep(0.5)
    count = 0
    for port in stack.ports:
        for line in (stack.workdir / f"gunicorn-{port}.log").read_text().splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if entry.get("logger") == "gunicorn.access":
                    count += entry["path"] == path and entry["method"] == method
    return count


def edge_refusal(response):
    """The edge's own 429 page (not the app's, which says "a few minutes")."""
    return response.status_code == 429 and "Please wait a few seconds" in response.text


def test_the_shipped_configuration_is_accepted_by_nginx(stack):
    output = Edge(stack.ports).test_configuration()
    assert "syntax is ok" in output and "test is successful" in output
    assert "warn" not in output, output


def test_both_instances_serve_through_the_edge(stack, edge):
    seen = set()
    for _ in range(6):
        response = visit(edge, "/readyz")
        assert response.status_code == 200
        assert response.json()["database"] == "ok"
    for port in stack.ports:
        log = (stack.workdir / f"gunicorn-{port}.log").read_text()
        if '"path": "/readyz"' in log:
            seen.add(port)
    assert seen == set(stack.ports), "the edge spreads requests over both instances"


def test_the_app_sees_the_visitors_address_from_the_load_balancer(stack, edge):
    """The app's budget for missing pages is kept per visitor: it sees each visitor's own
    address, not the edge's, and an address a visitor writes into X-Forwarded-For changes
    nothing (the load balancer appends the real one)."""
    statuses = [
        requests.get(
            f"{edge.url}/no-such-page-{n}/", headers=via_load_balancer(SPENDER), timeout=10
        ).status_code
        for n in range(8)
    ]
    assert statuses[:5] == [404] * 5
    assert statuses[-1] == 429
    # The app's refusal, with its own words and headers: the edge let these through.
    refused = visit(edge, "/no-such-page-x/", SPENDER)
    assert "Please wait a few minutes" in refused.text
    assert refused.headers["Content-Security-Policy"]
    # A forged address in front of the real one does not reset the budget...
    forged = requests.get(
        f"{edge.url}/no-such-page-y/",
        headers=via_load_balancer(f"203.0.113.1, {SPENDER}"),
        timeout=10,
    )
    assert forged.status_code == 429
    # ...and another visitor behind the same load balancer and edge is not refused.
    other = requests.get(
        f"{edge.url}/no-such-page-z/", headers=via_load_balancer(OTHER_VISITOR), timeout=10
    )
    assert other.status_code == 404
    # The edge logs the visitor's address too (its caps key on it).
    remotes = {json.loads(line)["remote"] for line in edge.access_log() if '"path"' in line}
    assert {SPENDER, OTHER_VISITOR} <= remotes


def test_a_visitor_over_the_cap_is_refused_by_the_edge_while_another_is_served(stack, edge):
    """One address asking 40 at a time: a burst of 60 is served at once, then 30 a second; the
    rest get the edge's 429, each sent slowly (about 2 s, so a flood waits rather than asks
    again), while another visitor is served at once."""
    greedy = via_load_balancer("198.51.100.66")
    visit(edge, "/", OTHER_VISITOR)
    before = app_requests(stack, "/")

    def ask(_):
        started = time.monotonic()
        response = requests.get(f"{edge.url}/", headers=greedy, timeout=30)
        return response, time.monotonic() - started

    started = time.monotonic()
    with ThreadPoolExecutor(40) as pool:
        flood = pool.map(ask, range(160))
        time.sleep(1)
        other_started = time.monotonic()
        other = visit(edge, "/", OTHER_VISITOR)
        other_waited = time.monotonic() - other_started
        answers = list(flood)
    elapsed = time.monotonic() - started
    served = [response for response, _ in answers if response.status_code == 200]
    refused = [(response, took) for response, took in answers if edge_refusal(response)]
    assert len(served) + len(refused) == 160
    assert refused, "nothing was refused"
    assert 60 <= len(served) <= 60 + 30 * elapsed + 10
    # The other visitor, meanwhile, is served at once.
    assert other.status_code == 200
    assert other_waited < 1
    # The edge's refusal says when to come back, still gives the emergency numbers, and takes
    # its time...
    response, took = refused[-1]
    assert response.headers["Retry-After"] == "10"
    assert 'href="tel:999"' in response.text and 'href="tel:111"' in response.text
    assert took >= 1.5
    # ...and costs gunicorn nothing: only what was served (and the other visitor) reached it.
    assert app_requests(stack, "/") - before == len(served) + 1


def trickle(sockets, stop):
    """Each slow client sends one more byte of its body every 2 seconds."""
    while not stop.wait(2):
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.sendall(b"x")


def slow_post(edge, path, length=400):
    sock = socket.create_connection(("127.0.0.1", edge.port), timeout=30)
    sock.sendall(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "X-Forwarded-For: 198.51.100.90\r\nX-Forwarded-Proto: http\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n\r\npage="
        ).encode()
    )
    return sock


def test_slow_clients_hold_no_gunicorn_thread(stack, edge):
    """Twice as many clients as gunicorn has threads, each sending its body a byte every two
    seconds: the edge waits for them, gunicorn never sees them, and a visitor is served."""
    requests.get(f"{edge.url}/", headers=via_load_balancer(OTHER_VISITOR), timeout=10)
    slow = [slow_post(edge, "/admin/login/") for _ in range(2 * INSTANCES * WORKERS * THREADS)]
    stop = threading.Event()
    trickler = threading.Thread(target=trickle, args=(slow, stop), daemon=True)
    trickler.start()
    try:
        time.sleep(3)
        try:
            response = requests.get(f"{edge.url}/", headers=via_load_balancer(VISITOR), timeout=2)
        except requests.Timeout:
            pytest.fail("a visitor waited more than 2 s behind slow clients")
        assert response.status_code == 200
        assert app_requests(stack, "/admin/login/", "POST") == 0, "gunicorn saw a slow request"
    finally:
        stop.set()
        trickler.join()
        for sock in slow:
            sock.close()


def test_documents_are_never_served_from_media(stack, edge):
    path = "/media/documents/safer-sleep-leaflet.pdf"
    response = requests.get(f"{edge.url}{path}", headers=via_load_balancer(VISITOR), timeout=10)
    assert response.status_code == 404
    assert app_requests(stack, path) == 0, "the request reached the app"
    # Documents are still served by the app at /documents/ (here: one that does not exist).
    response = requests.get(
        f"{edge.url}/documents/999999/leaflet.pdf", headers=via_load_balancer(VISITOR), timeout=10
    )
    assert response.status_code == 404
    assert app_requests(stack, "/documents/999999/leaflet.pdf") == 1


def test_oversized_bodies_are_refused_by_the_edge(stack, edge):
    # A public form posts a few kilobytes: 2 MB is refused before the app...
    response = requests.post(
        f"{edge.url}/feedback/",
        data={"page": "1", "comment": "x" * 2_000_000},
        headers=via_load_balancer(VISITOR),
        timeout=30,
    )
    assert response.status_code == 413
    assert "The file is too large" in response.text
    assert app_requests(stack, "/feedback/", "POST") == 0
    # ...while the admin takes a 20 MB document (the app answers: here, sign in first)...
    upload = "/admin/documents/multiple/add/"
    document = {"files[]": ("guide.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 - 9))}
    response = requests.post(
        f"{edge.url}{upload}",
        files=document,
        headers=via_load_balancer(VISITOR),
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code != 413
    assert app_requests(stack, upload, "POST") == 1
    # ...and refuses a larger one itself.
    document = {"files[]": ("guide.pdf", b"%PDF-1.4\n" + b"0" * (22 * 1024 * 1024))}
    response = requests.post(
        f"{edge.url}{upload}", files=document, headers=via_load_balancer(VISITOR), timeout=60
    )
    assert response.status_code == 413
    assert app_requests(stack, upload, "POST") == 1


def test_request_lines_are_limited_as_gunicorn_limits_them(stack, edge):
    # A long search (the search view cuts it to 200 characters) reaches the app...
    words = "cot+" * 1900
    response = requests.get(
        f"{edge.url}/search/?q={words}", headers=via_load_balancer(VISITOR), timeout=10
    )
    assert response.status_code == 200
    # ...one beyond gunicorn's 8 KB line is refused by the edge.
    response = requests.get(
        f"{edge.url}/search/?q={words * 2}", headers=via_load_balancer(VISITOR), timeout=10
    )
    assert response.status_code == 414


PASSED_ON = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Cache-Control",
    "ETag",
    "X-Page-Cache",
    "Content-Type",
    "Content-Language",
)


def test_security_and_cache_headers_pass_through_unchanged(stack, edge):
    """What gunicorn sends for a page (asked for with the Host the edge passes on, so the same
    cached page) is what the visitor gets through the edge."""
    plain = {"Accept-Encoding": "identity", "Host": f"127.0.0.1:{edge.port}"}
    for _ in range(2):  # the second is a hit on both
        through = requests.get(
            f"{edge.url}/", headers={**plain, **via_load_balancer(VISITOR)}, timeout=10
        )
        direct = requests.get(f"{stack.urls[0]}/", headers=plain, timeout=10)
    assert through.status_code == direct.status_code == 200
    assert through.headers["X-Page-Cache"] == direct.headers["X-Page-Cache"] == "hit"
    for name in PASSED_ON:
        assert through.headers.get(name) == direct.headers.get(name), name
    assert "Cookie" in through.headers["Vary"]
    assert through.content == direct.content
    assert "Set-Cookie" not in through.headers


def test_html_is_compressed_when_the_browser_accepts_it(stack, edge):
    crying = f"{edge.url}/for-parents-and-carers/coping-with-crying/"
    visitor = via_load_balancer(VISITOR)
    for _ in range(2):  # the second is a hit: the same page both ways below
        plain = requests.get(crying, headers={"Accept-Encoding": "identity", **visitor}, timeout=10)
    assert plain.status_code == 200
    assert "Content-Encoding" not in plain.headers
    headers = {"Accept-Encoding": "gzip", **visitor}
    with requests.get(crying, headers=headers, timeout=10, stream=True) as response:
        assert response.status_code == 200
        raw = response.raw.read(decode_content=False)
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(raw) == plain.content
    assert len(raw) < len(plain.content) / 3
    # The admin's pages are not compressed (they carry CSRF tokens: BREACH).
    admin = requests.get(f"{edge.url}/admin/login/", headers=headers, timeout=10)
    assert admin.status_code == 200
    assert "Content-Encoding" not in admin.headers


def test_a_compressed_page_is_revalidated_with_304(stack, edge):
    """nginx weakens the ETag of what it compresses (W/"…"); the page cache still answers the
    browser's If-None-Match with 304 and no body."""
    headers = {"Accept-Encoding": "gzip", **via_load_balancer(VISITOR)}
    for _ in range(2):
        first = requests.get(f"{edge.url}/", headers=headers, timeout=10)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = requests.get(f"{edge.url}/", headers={**headers, "If-None-Match": etag}, timeout=10)
    assert again.status_code == 304
    assert again.content == b""
