"""Stored pages are kept gzip-compressed and sent as they are to browsers that take gzip
(caching/cache.py); pages purged are rendered again at once, so the next visitor gets a stored
page (caching/warm.py); `manage.py warm_cache` renders every public page (the release step)."""

import gzip
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import warm
from caching.cache import LOCAL_COPIES, Lookup, purge_everything, purge_paths
from helpline.models import HelplineSettings

STATUS = "X-Page-Cache"
# The launch content's site (http://localhost): what warming renders, and visitors ask for.
HOST = "localhost"


def visit(client, path, **headers):
    return client.get(path, headers={"host": HOST, **headers})


def test_a_stored_page_is_sent_compressed_to_a_browser_that_takes_gzip(client, cached_site):
    crying = cached_site["advice"]["coping-with-crying"].url
    first = visit(client, crying, accept_encoding="gzip, deflate, br")
    assert first[STATUS] == "miss"
    hit = visit(client, crying, accept_encoding="gzip, deflate, br")
    plain = visit(client, crying)  # no Accept-Encoding: the page as it is
    assert hit[STATUS] == plain[STATUS] == "hit"
    assert first["Content-Encoding"] == hit["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in hit["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert gzip.decompress(hit.content) == plain.content
    assert b"Coping with crying" in plain.content
    assert len(hit.content) < len(plain.content) / 3
    # The same page in another encoding: a weak ETag, which still revalidates.
    assert hit["ETag"] == "W/" + plain["ETag"]
    again = visit(client, crying, accept_encoding="gzip", if_none_match=hit["ETag"])
    assert again.status_code == 304


def test_a_page_is_compressed_once_when_stored_never_on_a_hit(client, cached_site):
    """What Redis holds is the gzip a browser gets, byte for byte."""
    visit(client, "/")
    response = visit(client, "/", accept_encoding="gzip")
    assert response[STATUS] == "hit"
    request = response.wsgi_request
    LOCAL_COPIES.clear()  # read from the store itself
    entry = Lookup(request).fetch()
    assert entry["gzip"] is True
    assert entry["content"] == response.content
    assert gzip.GzipFile(fileobj=io.BytesIO(entry["content"])).read().startswith(b"<!DOCTYPE")


def test_a_browser_that_refuses_gzip_gets_the_page_plain(client, cached_site):
    visit(client, "/")
    response = visit(client, "/", accept_encoding="gzip;q=0, identity")
    assert response[STATUS] == "hit"
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"<!DOCTYPE")


@pytest.fixture
def warming(settings, cached_site):
    settings.PAGE_CACHE_WARM = True
    return cached_site


def test_a_published_page_is_rendered_again_before_anyone_asks(
    client, warming, django_capture_on_commit_callbacks
):
    """Published outside a request (a command, the scheduler): warmed at once, in that process.
    The first visitor after it gets the new page from the cache, with no query."""
    crying = warming["advice"]["coping-with-crying"]
    visit(client, crying.url)
    crying.summary = "Every baby cries. It is not your fault."
    with django_capture_on_commit_callbacks(execute=True):
        crying.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        response = visit(client, crying.url)
    assert response[STATUS] == "hit"
    assert b"Every baby cries. It is not your fault." in response.content
    assert len(queries) == 0


def test_within_a_request_the_purged_pages_are_warmed_once_it_is_finished(client, rf, warming):
    """An editor publishing in the admin: what the request purged is rendered once its response
    has gone (Django's request_finished, which the server sends then), not while they wait."""
    library = warming["library"].url
    visit(client, library)
    stored = rf.get(library, headers={"host": HOST})
    assert Lookup(stored).fetch() is not None
    # Django's own receivers of these signals would close the test's transaction: only ours.
    warm._request_started(sender=None)
    purge_paths([library])
    assert Lookup(stored).fetch() is None  # purged, and not rendered yet
    warm._request_finished(sender=None)
    assert Lookup(stored).fetch() is not None
    assert visit(client, library)[STATUS] == "hit"


def test_a_change_to_every_page_warms_every_page(
    client, warming, django_capture_on_commit_callbacks
):
    paths = ["/", warming["library"].url, warming["advice"]["when-to-get-help"].url]
    helpline = HelplineSettings.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        helpline.phone_display = "0300 300 0999"
        helpline.phone_dial = "+443003000999"
        helpline.save()
    for path in paths:
        response = visit(client, path)
        assert response[STATUS] == "hit", path
        assert b"0300 300 0999" in response.content, path


def test_warm_cache_renders_every_public_page(client, cached_site):
    purge_everything()
    out = io.StringIO()
    call_command("warm_cache", stdout=out)
    assert "Warmed 15 of 15 pages" in out.getvalue()
    paths = ["/", cached_site["library"].url, cached_site["parents"].url]
    paths += [page.url for page in cached_site["advice"].values()]
    paths += [page.url for page in cached_site["workstreams"].values()]
    for path in paths:
        assert visit(client, path)[STATUS] == "hit", path
