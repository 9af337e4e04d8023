"""A CDN or proxy in front is purged through Wagtail's front-end cache invalidation.

The "proxy" here is a small HTTP server on a free localhost port that records the PURGE
requests Wagtail's HTTPBackend sends it, as Varnish or nginx would receive them.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from caching.cache import page_cache
from helpline.models import HelplineSettings
from resources.models import Resource


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings, launch_content):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.purged = []
    settings.PAGE_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    page_cache().clear()
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def paths(purged):
    return {path for _host, path in purged}


def test_publishing_a_page_purges_it_and_its_parent_at_the_cdn(
    proxy, launch_content, django_capture_on_commit_callbacks
):
    workstream = launch_content["workstreams"][1]
    workstream.body = [("key_message", {"heading": "", "text": "<p>New advice.</p>"})]
    with django_capture_on_commit_callbacks(execute=True):
        workstream.save_revision().publish()
    assert paths(proxy) >= {workstream.url, "/"}
    assert launch_content["library"].url not in paths(proxy)
    assert {host for host, _path in proxy} == {"localhost"}


def test_a_resource_change_purges_the_library_and_its_workstream_at_the_cdn(
    proxy, launch_content, django_capture_on_commit_callbacks
):
    resource = Resource.objects.get(title="All Babies Cry campaign on Just One Norfolk")
    resource.description = "Coping with a crying baby."
    with django_capture_on_commit_callbacks(execute=True):
        resource.save_revision().publish()
    assert paths(proxy) == {launch_content["library"].url, launch_content["workstreams"][4].url}


def test_a_helpline_change_purges_every_live_page_at_the_cdn(
    proxy, launch_content, django_capture_on_commit_callbacks
):
    helpline = HelplineSettings.objects.get()
    helpline.heading = "Worried about your baby?"
    with django_capture_on_commit_callbacks(execute=True):
        helpline.save()
    expected = {"/", launch_content["library"].url, launch_content["parents"].url}
    expected |= {page.url for page in launch_content["workstreams"].values()}
    expected |= {page.url for page in launch_content["standard"].values()}
    expected |= {page.url for page in launch_content["advice"].values()}
    assert paths(proxy) == expected
