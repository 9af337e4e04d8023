"""The site chrome kept in the cache per host: it also tells page routing which site a host
serves, so a page costs no site query, and a change to the sites takes effect at once."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.db.models.base import model_unpickle
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from caching.cache import release
from helpline.models import HelplineSettings
from sitechrome.chrome import _chrome_key as chrome_key
from sitechrome.chrome import chrome_version
from sitechrome.models import SiteLinks
from tests.support.users import make_lead

OTHER_HOST = "campaign.example.org"


def heading(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def site_queries(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    assert response.status_code == 200
    return [q["sql"] for q in queries if '"wagtailcore_site"' in q["sql"]]


def test_a_page_is_routed_without_a_site_query_once_the_chrome_is_cached(client, launch_content):
    workstream = launch_content["workstreams"][1].url
    assert site_queries(client, workstream)  # the first request looks the site up and keeps it
    assert site_queries(client, workstream) == []
    assert site_queries(client, launch_content["library"].url) == []


def test_each_host_gets_its_own_site_and_a_new_site_takes_effect_at_once(client, launch_content):
    home = heading(client.get("/"))
    privacy = launch_content["standard"]["privacy-notice"]
    # An unknown host is served by the default site, and that answer is cached.
    assert heading(client.get("/", headers={"host": OTHER_HOST})) == home
    assert heading(client.get("/", headers={"host": OTHER_HOST})) == home

    site = Site.objects.create(hostname=OTHER_HOST, port=80, root_page=privacy)
    for _ in range(2):  # built (the new site's settings are made on the way), then cached
        assert heading(client.get("/", headers={"host": OTHER_HOST})) == privacy.title
    assert heading(client.get("/")) == home

    site.delete()
    assert heading(client.get("/", headers={"host": OTHER_HOST})) == home


def footer_text(client):
    response = client.get("/")
    assert response.status_code == 200
    footer = BeautifulSoup(response.content, "html.parser").select_one("footer")
    return footer.get_text(" ", strip=True)


def test_deleting_the_helpline_or_site_links_replaces_the_chrome(
    client, launch_content, django_capture_on_commit_callbacks
):
    assert "0300 300 0123" in footer_text(client)  # the chrome is now cached
    assert "Privacy notice" in footer_text(client)
    with django_capture_on_commit_callbacks(execute=True):
        HelplineSettings.objects.all().delete()
    assert "0300 300 0123" not in footer_text(client)
    with django_capture_on_commit_callbacks(execute=True):
        SiteLinks.objects.all().delete()
    assert "Privacy notice" not in footer_text(client)


def test_the_chrome_is_replaced_only_when_what_it_shows_changes(
    client, launch_content, django_capture_on_commit_callbacks
):
    """One rule (sitechrome/chrome.py): a page the chrome shows, with a field it shows changed."""
    workstream = launch_content["workstreams"][2]
    client.get("/")
    version = chrome_version()

    privacy = launch_content["standard"]["privacy-notice"]  # in the footer, only its title
    privacy.search_description = "What the privacy notice says, for search engines."
    with django_capture_on_commit_callbacks(execute=True):
        privacy.save_revision().publish()
    assert chrome_version() == version

    workstream.summary = "A new line for the card."
    with django_capture_on_commit_callbacks(execute=True):
        workstream.save_revision().publish()
    assert chrome_version() != version
    assert "A new line for the card." in client.get("/").content.decode()


def test_the_site_links_old_admin_address_opens_them_at_their_new_one(client, launch_content):
    """The site links left the core for the chrome's app: a bookmark to the old address (it
    named the core's app) still opens them."""
    client.force_login(make_lead())
    links = SiteLinks.objects.get()
    new = reverse("wagtailsettings:edit", args=["sitechrome", "sitelinks", links.site_id])
    assert new == f"/admin/settings/sitechrome/sitelinks/{links.site_id}/"
    for old in (
        f"/admin/settings/protecting_babies/sitelinks/{links.site_id}/",
        "/admin/settings/protecting_babies/sitelinks/",
    ):
        response = client.get(old, follow=True)
        assert response.status_code == 200, old
        assert response.redirect_chain[-1][0] == new, old
        assert "Exit this page: neutral website" in response.content.decode(), old


class _StoredByAnotherRelease:
    """Pickles as a model instance of a model this code no longer has under that app (the
    helpline's setting was the core's before it had an app of its own)."""

    def __reduce__(self):
        return (model_unpickle, (("protecting_babies", "helplinesettings"),))


def test_a_chrome_this_code_cannot_load_is_built_again_not_an_error(client, launch_content):
    """A rollout runs two releases against one Redis: a chrome the other release stored, with
    models this code keeps elsewhere, is a miss, never an error page; and each release keys its
    own chrome (the release's name is in the key)."""
    request = RequestFactory().get("/", headers={"host": "localhost"})
    key = chrome_key(request)
    assert release() in key
    cache.set(key, {"helpline": _StoredByAnotherRelease()}, 60)
    with pytest.raises(LookupError):
        cache.get(key)  # what the cache holds cannot be loaded by this code
    response = client.get("/", headers={"host": "localhost"})
    assert response.status_code == 200
    assert "0300 300 0123" in response.content.decode()  # the helpline, from a chrome built again
