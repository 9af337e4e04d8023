"""sitemap.xml, robots.txt and the metadata in every public page's <head>."""

import json
import xml.etree.ElementTree as ET  # noqa: S405 (parsing our own response)
from importlib import import_module

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.db import connection
from PIL import Image
from wagtail.models import Page, PageViewRestriction

from tests.support.factories import (
    ResourceIndexPageFactory,
    StandardPageFactory,
    WorkstreamPageFactory,
    build_advice_page,
)

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def soup_for(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    scripts = soup.find_all("script", attrs={"type": "application/ld+json"})
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def by_type(data, type_name):
    return [node for node in data["@graph"] if node["@type"] == type_name]


@pytest.fixture
def hidden_pages(site):
    """A draft, a private page and a live page under the private one."""
    home = site.root_page
    draft = StandardPageFactory(parent=home, title="Draft page", live=False)
    private = StandardPageFactory(parent=home, title="Private page")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret-password"
    )
    under_private = StandardPageFactory(parent=private, title="Under the private page")
    return [draft, private, under_private]


def test_sitemap_lists_exactly_the_live_public_pages_with_lastmod(client, site, hidden_pages):
    home = site.root_page
    safer = WorkstreamPageFactory(parent=home, title="Safer sleeping")
    ResourceIndexPageFactory(parent=home)
    StandardPageFactory(parent=home, title="Privacy notice")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314
    entries = {
        url.find("sm:loc", SITEMAP_NS).text: url.find("sm:lastmod", SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }
    expected = {
        page.full_url for page in Page.objects.descendant_of(home, inclusive=True).live().public()
    }
    assert set(entries) == expected
    # The home page, the workstream, the library and the plain page; not the hidden ones.
    assert len(expected) == 4
    for page in hidden_pages:
        assert page.full_url not in entries
    for loc, lastmod in entries.items():
        assert lastmod is not None and len(lastmod.text) == 10, loc
    safer.refresh_from_db()
    assert entries[safer.full_url].text == safer.last_published_at.date().isoformat()


def test_sitemap_is_never_stale(client, site):
    assert "no-cache" in client.get("/sitemap.xml")["Cache-Control"]
    new = StandardPageFactory(parent=site.root_page, title="Published after the first visit")
    assert new.full_url.encode() in client.get("/sitemap.xml").content


def test_robots_txt(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/search/", "/healthz", "/readyz"):
        assert f"Disallow: {path}" in lines
    assert "Allow: /" in lines
    assert "Disallow: /" not in lines
    sitemap = [line for line in lines if line.startswith("Sitemap: ")]
    assert sitemap == [f"Sitemap: {site.root_url}/sitemap.xml"]
    assert sitemap[0].startswith("Sitemap: http")


def test_every_public_page_type_has_metadata_that_shares_well(client, site):
    home = site.root_page
    for page in (
        home,
        WorkstreamPageFactory(parent=home, search_description="What the workstream does."),
        ResourceIndexPageFactory(parent=home, search_description="Leaflets and videos."),
        StandardPageFactory(parent=home, search_description="How we keep your data."),
        build_advice_page(site, search_description="What to do when a baby cries."),
    ):
        assert_metadata(client, page.specific)


def assert_metadata(client, page):
    soup = soup_for(client, page.url)
    head = soup.head

    def meta(**attrs):
        found = head.find_all("meta", attrs=attrs)
        assert len(found) == 1, attrs
        return found[0]["content"]

    description = meta(name="description")
    assert description == page.search_description
    assert head.find("link", rel="canonical")["href"] == page.full_url
    assert meta(property="og:title") == page.title
    assert meta(property="og:description") == description
    assert meta(property="og:url") == page.full_url
    assert meta(property="og:type") == "website"
    image = meta(property="og:image")
    assert image.startswith("http") and image.endswith(".png")
    assert meta(property="og:image:alt")
    assert meta(name="twitter:card") == "summary_large_image"
    assert meta(name="twitter:image") == image
    assert not head.find("meta", attrs={"name": "robots"})

    data = json_ld(soup)
    assert data["@context"] == "https://schema.org"
    (organisation,) = by_type(data, "Organization")
    assert organisation["name"] == "Norfolk Safeguarding Children Partnership"
    phones = {point["telephone"] for point in organisation["contactPoint"]}
    assert "+443003000123" in phones
    (web_page,) = by_type(data, "WebPage")
    assert web_page["url"] == page.full_url
    assert web_page["name"] == page.title
    assert web_page["description"] == description
    assert web_page["dateModified"].startswith(str(page.last_published_at.date()))


def test_pages_without_a_search_description_fall_back_to_their_summary(client, site):
    page = WorkstreamPageFactory(parent=site.root_page, search_description="Not this.")
    page.search_description = ""
    page.save_revision().publish()
    soup = soup_for(client, page.url)
    assert soup.head.find("meta", attrs={"name": "description"})["content"] == page.summary


def test_search_page_is_not_indexed_and_has_no_canonical(client, site):
    soup = soup_for(client, "/search/?q=sleep")
    assert soup.head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not soup.head.find("link", rel="canonical")
    assert "sleep" not in soup.head.find("meta", property="og:url")["content"]
    assert not by_type(json_ld(soup), "WebPage")


def test_json_ld_cannot_break_out_of_its_script_element(client, site):
    page = StandardPageFactory(parent=site.root_page)
    page.search_description = "</script><script>alert(1)</script> & more"
    page.save_revision().publish()
    soup = soup_for(client, page.url)
    (web_page,) = by_type(json_ld(soup), "WebPage")
    assert web_page["description"] == "</script><script>alert(1)</script> & more"
    assert not [s for s in soup.find_all("script") if "alert(1)" in (s.string or "")[:20]]


def test_default_share_image_is_a_1200_by_630_png(client, site):
    soup = soup_for(client, "/")
    image_url = soup.head.find("meta", property="og:image")["content"]
    path = image_url.split("/static/", 1)[1]
    with Image.open(finders.find(path)) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)
    assert client.get("/static/" + path).status_code == 200


def test_suite_database_has_the_search_setup(db):
    """The search migration ran: extensions on PostgreSQL, a stemming FTS table on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT extname FROM pg_extension")
            assert {"unaccent", "pg_trgm"} <= {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
            assert len(cursor.fetchall()) == 4
            cursor.execute("SELECT f_unaccent('Säfer slëep')")
            assert cursor.fetchone()[0] == "Safer sleep"
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'"
            )
            assert "porter" in cursor.fetchone()[0]


def test_search_migration_enables_unaccent_before_trigram():

    migration = import_module("core.migrations.0003_search_extensions").Migration
    names = [type(operation).__name__ for operation in migration.operations]
    assert names.index("Unaccent") < names.index("Trigram")
