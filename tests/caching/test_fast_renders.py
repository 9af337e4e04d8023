"""Renders the page cache does not answer are cheap, and never stale (caching/fragments.py,
sitechrome/chrome.py's routes): at most 3 queries per page type however many resources there are;
an edited block, a changed helpline, a renamed page in the menu and a new resource each show at
once on the pages that show them, with each page kept (but for its per-request parts)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpline.models import HelplineSettings
from resources.choices import Format
from resources.models import Resource
from strategy.models import StandardPage


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def page_types(site):
    library = site["library"].url
    return {
        "home": "/",
        "workstream": site["workstreams"][1].url,
        "library": library,
        "library filtered": library + "?audience=parents&format=guide",
        "standard page": site["standard"]["privacy-notice"].url,
        "parents' section": site["parents"].url,
        **{f"advice: {slug}": page.url for slug, page in site["advice"].items()},
    }


def add_resources(site, total):
    workstreams = list(site["workstreams"].values())
    formats = [value for value, _ in Format.choices]
    for n in range(Resource.objects.filter(live=True).count(), total):
        resource = Resource.objects.create(
            title=f"Made-up resource {n:03d}",
            description="A resource made by the test.",
            for_parents=n % 2 == 0,
            for_professionals=n % 2 == 1,
            format=formats[n % len(formats)],
            external_url=f"https://example.org/{n}",
            live=True,
        )
        resource.workstreams.set(workstreams[: 1 + n % len(workstreams)])


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return len(captured)


@pytest.mark.parametrize("pages_kept", [True, False], ids=["pages kept", "pages rendered"])
def test_every_page_type_costs_at_most_three_queries_however_many_resources(
    client, launch_content, settings, pages_kept
):
    """The page cache off; the site chrome cached (as on every request but the first after a
    change). With each page kept, a page is one query; rendered, at most three."""
    settings.PAGE_FRAGMENTS_ENABLED = pages_kept
    counts = {}
    for total in (10, 100):
        add_resources(launch_content, total)
        for name, path in page_types(launch_content).items():
            client.get(path)  # the chrome, then the page's model kept, and the page
            client.get(path)
            counts[name, total] = queries(client, path)
    for name in page_types(launch_content):
        assert counts[name, 10] == counts[name, 100], name
        assert counts[name, 100] <= (1 if pages_kept else 3), (name, counts[name, 100])


def publish(obj, capture):
    with capture(execute=True):
        obj.save_revision().publish()


@pytest.fixture(params=["page cache on", "page cache off"])
def site(request, settings, launch_content):
    """The launch content with each page kept, with the page cache on and off."""
    settings.PAGE_FRAGMENTS_ENABLED = True
    settings.PAGE_CACHE_ENABLED = request.param == "page cache on"
    return launch_content


def test_an_edited_block_shows_at_once(client, site, django_capture_on_commit_callbacks):
    crying = site["advice"]["coping-with-crying"]
    workstream = site["workstreams"][4]
    for _ in range(2):
        assert "Walk away for ten minutes." not in text(client.get(crying.url))
        client.get(workstream.url)
    crying.body = [
        ("key_message", {"heading": "", "text": "<p>Walk away for ten minutes.</p>"}),
        *[(block.block_type, block.value) for block in crying.body],
    ]
    publish(crying, django_capture_on_commit_callbacks)
    assert "Walk away for ten minutes." in text(client.get(crying.url))


def test_a_changed_helpline_shows_at_once(client, site, django_capture_on_commit_callbacks):
    """The home page shows the helpline in its content, every page in its footer."""
    advice = site["advice"]["when-to-get-help"].url
    for _ in range(2):
        client.get("/")
        client.get(advice)
    helpline = HelplineSettings.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        helpline.phone_display = "0300 300 0999"
        helpline.phone_dial = "+443003000999"
        helpline.save()
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert "0300 300 0999" in home.select_one(".app-parent-routes__helpline").get_text()
    assert "0300 300 0999" in text(client.get(advice))


def test_a_page_renamed_in_the_menu_shows_at_once(client, site, django_capture_on_commit_callbacks):
    """In the menu of every page, on the home page's cards, in breadcrumbs."""
    parents = site["parents"]
    advice = site["advice"]["safer-sleep-for-your-baby"].url
    workstream = site["workstreams"][2]
    for _ in range(2):
        for path in ("/", advice, workstream.url):
            client.get(path)
    parents.title = "Help for parents"
    publish(parents, django_capture_on_commit_callbacks)
    workstream.title = "Babies before birth"
    publish(workstream, django_capture_on_commit_callbacks)
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert "Babies before birth" in home.select_one(".app-card-list").get_text()
    page = BeautifulSoup(client.get(advice).content, "html.parser")
    assert "Help for parents" in page.select_one(".govuk-breadcrumbs").get_text()
    assert "Help for parents" in page.select_one("header nav").get_text()


def test_a_new_resource_shows_at_once(client, site, django_capture_on_commit_callbacks):
    library = site["library"].url
    workstream = site["workstreams"][3]
    paths = [library, library + "?format=website", workstream.url]
    for _ in range(2):
        for path in paths:
            assert "A made-up safer sleep guide" not in text(client.get(path))
    resource = Resource(
        title="A made-up safer sleep guide",
        description="Made up by the test.",
        for_parents=True,
        format="website",
        external_url="https://example.org/safer-sleep",
        live=False,
    )
    resource.save()
    resource.workstreams.set([workstream])
    publish(resource, django_capture_on_commit_callbacks)
    for path in paths:
        assert "A made-up safer sleep guide" in text(client.get(path)), path


def test_a_renamed_page_deeper_down_shows_at_once_in_its_children_s_breadcrumbs(
    client, site, django_capture_on_commit_callbacks
):
    """Breadcrumbs come from the chrome's routes: a page retitled replaces them, though it is
    not in the menu or the footer."""
    privacy = site["standard"]["privacy-notice"]
    section = StandardPage(title="Your data", slug="your-data", summary="About your data.")
    child = StandardPage(title="Cookies", slug="cookies", summary="No tracking cookies.")
    with django_capture_on_commit_callbacks(execute=True):
        privacy.add_child(instance=section)
        section.save_revision().publish()
        section.add_child(instance=child)
        child.save_revision().publish()
    path = "/privacy-notice/your-data/cookies/"

    def trail():
        response = client.get(path)
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        return page.select_one(".govuk-breadcrumbs").get_text(" ", strip=True)

    for _ in range(3):
        assert "Your data" in trail()
    section = StandardPage.objects.get(pk=section.pk)
    section.title = "How we use your data"
    publish(section, django_capture_on_commit_callbacks)
    assert "How we use your data" in trail()
