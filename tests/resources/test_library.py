"""The resource library: filters in the query string, pagination, and fixed query counts."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.choices import Format
from resources.models import Resource
from tests.support.factories import ResourceFactory


def listed_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".app-resource__title")]


def notes(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.get_text(" ", strip=True)


@pytest.fixture
def library(launch_content):
    """A small library: one resource for each combination the tests filter on."""
    workstreams = launch_content["workstreams"]
    Resource.objects.all().delete()
    ResourceFactory(title="Sleep leaflet", format=Format.LEAFLET, workstreams=[workstreams[3]])
    ResourceFactory(
        title="Crying briefing",
        format=Format.BRIEFING,
        for_parents=False,
        for_professionals=True,
        workstreams=[workstreams[4]],
    )
    ResourceFactory(
        title="Crying video",
        format=Format.VIDEO,
        for_professionals=True,
        workstreams=[workstreams[4]],
    )
    ResourceFactory(title="Draft guide", live=False, workstreams=[workstreams[3]])
    return launch_content["library"]


def test_the_library_lists_live_resources_only(client, library):
    response = client.get(library.url)
    assert response.status_code == 200
    assert listed_titles(response) == ["Crying briefing", "Crying video", "Sleep leaflet"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("audience=parents", ["Crying video", "Sleep leaflet"]),
        ("audience=professionals", ["Crying briefing", "Crying video"]),
        ("workstream=all-babies-cry", ["Crying briefing", "Crying video"]),
        ("format=leaflet", ["Sleep leaflet"]),
        ("format=leaflet&format=video", ["Crying video", "Sleep leaflet"]),
        ("audience=parents&workstream=all-babies-cry", ["Crying video"]),
        ("audience=professionals&workstream=safer-sleeping", []),
    ],
)
def test_filters_narrow_the_list_and_are_ticked_in_the_form(client, library, query, expected):
    response = client.get(f"{library.url}?{query}")
    assert response.status_code == 200
    assert listed_titles(response) == expected
    soup = BeautifulSoup(response.content, "html.parser")
    for pair in query.split("&"):
        name, value = pair.split("=")
        box = soup.select_one(f'input[type=checkbox][name="{name}"][value="{value}"]')
        assert box is not None and box.has_attr("checked")


def test_the_filter_form_is_a_plain_get_form_that_works_without_javascript(client, library):
    soup = BeautifulSoup(client.get(library.url).content, "html.parser")
    form = soup.select_one("form input[name=audience]").find_parent("form")
    assert form["method"].lower() == "get"
    assert form.select_one("button[type=submit], input[type=submit]") is not None


@pytest.mark.parametrize(
    "query",
    [
        "format=podcast",
        "audience=grandparents&page=abc",
        "workstream=<script>alert(1)</script>",
        "format=%00%ff",
        "audience=" + "x" * 5000,
    ],
)
def test_unknown_or_malformed_filters_are_dropped_and_the_whole_library_shown(
    client, library, query
):
    everything = listed_titles(client.get(library.url))
    response = client.get(f"{library.url}?{query}")
    assert response.status_code == 200
    assert listed_titles(response) == everything
    assert "No resources match" not in notes(response)
    for dropped in ("podcast", "grandparents", "<script>alert", "xxxxx"):
        assert dropped not in response.content.decode()


def test_an_unknown_value_does_not_stop_the_valid_ones_from_working(client, library):
    response = client.get(f"{library.url}?audience=grandparents&format=leaflet")
    assert listed_titles(response) == ["Sleep leaflet"]


@pytest.mark.parametrize("page", ["2", "0", "-1", "abc", "999999", "1e9", "%00"])
def test_any_page_number_gets_a_page_of_results(client, library, page):
    response = client.get(f"{library.url}?page={page}")
    assert response.status_code == 200
    assert listed_titles(response)


def test_the_library_is_paginated_and_keeps_filters_in_the_page_links(client, library):
    library.per_page = 2
    library.save_revision().publish()
    for n in range(3):
        ResourceFactory(title=f"Extra leaflet {n}", format=Format.LEAFLET)
    first = client.get(f"{library.url}?format=leaflet")
    assert len(listed_titles(first)) == 2
    soup = BeautifulSoup(first.content, "html.parser")
    next_link = soup.select_one('a[rel="next"]')
    assert next_link is not None and "format=leaflet" in next_link["href"]
    second = client.get(library.url + next_link["href"])
    assert len(listed_titles(second)) == 2


def test_each_workstream_page_lists_its_own_live_resources(client, library, launch_content):
    response = client.get(launch_content["workstreams"][4].url)
    assert listed_titles(response) == ["Crying briefing", "Crying video"]
    response = client.get(launch_content["workstreams"][3].url)
    assert listed_titles(response) == ["Sleep leaflet"]


def query_count(client, url):
    client.get(url)  # warm: the site chrome is cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["library", "workstream", "strategy"])
def test_query_count_does_not_grow_with_the_number_of_resources(client, launch_content, path):
    workstream = launch_content["workstreams"][4]
    url = {
        "library": launch_content["library"].url + "?audience=parents",
        "workstream": workstream.url,
        "strategy": launch_content["strategy"].url,
    }[path]
    ResourceFactory.create_batch(5, workstreams=[workstream])
    with_5 = query_count(client, url)
    ResourceFactory.create_batch(45, workstreams=[workstream])
    with_50 = query_count(client, url)
    assert with_5 == with_50
    assert with_50 <= 10
