"""Site search at /search/, as a visitor sees it, on PostgreSQL (CI) and SQLite (locally)."""

import logging

from bs4 import BeautifulSoup
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction

from resources.choices import Format
from resources.models import Resource
from tests.support.factories import StandardPageFactory


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    """The result titles, in order, as the page lists them (recommended ones first)."""
    return [h.get_text(strip=True) for h in soup.select(".app-search-result__title")]


def status(soup):
    return soup.select_one(".app-search-results").get_text(" ", strip=True)


def test_safer_sleep_puts_safer_sleeping_first(client, launch_content):
    soup = search(client, "safer sleep")
    assert titles(soup)[0] == "Safer sleeping"
    first = soup.select_one(".app-search-result")
    assert first.select_one("a")["href"] == launch_content["workstreams"][3].url
    assert "Page" in first.select_one(".app-search-result__meta").get_text()
    assert "result" in status(soup)


def test_crying_finds_the_parents_advice_first_then_all_babies_cry(client, launch_content):
    found = titles(search(client, "crying"))
    assert found[0] == "Coping with crying"
    assert "All Babies Cry" in found
    assert "All Babies Cry campaign on Just One Norfolk" in found


def test_concealed_pregnancy_finds_unborn_babies(client, launch_content):
    assert titles(search(client, "concealed pregnancy"))[0] == "Unborn babies"


def test_resource_found_by_words_from_its_description_with_format_and_audience(
    client, launch_content
):
    # "parental wellbeing" is in the description only, not the title.
    soup = search(client, "parental wellbeing")
    assert titles(soup) == ["Parent’s Emotional Health Advice & Support"]
    result = soup.select_one(".app-search-result")
    assert result.select_one("a")["href"] == "https://www.justonenorfolk.nhs.uk"
    assert "parental wellbeing" in result.select_one(".app-search-result__summary").get_text()
    meta = result.select_one(".app-search-result__meta").get_text(" ", strip=True)
    assert "Resource" in meta
    assert "Website" in meta
    assert "For parents and carers" in meta
    assert "on another website" in meta


def test_typo_tolerance(client, launch_content):
    soup = search(client, "safe sleap")
    if connection.vendor == "postgresql":
        # pg_trgm similarity over the index: the misspelling still finds the page, first.
        assert titles(soup)[0] == "Safer sleeping"
        assert "spelt in a similar way" in status(soup)
    else:
        # SQLite has no trigram matching: results that match some of the words instead.
        assert "match some of them" in status(soup)
        assert titles(soup)
    soup = search(client, "concieled pregnacy")
    if connection.vendor == "postgresql":
        assert titles(soup)[0] == "Unborn babies"
    else:
        assert "0 results" in status(soup)
        assert soup.find("h2", string="Nothing found")


def test_nothing_found_gives_suggestions(client, launch_content):
    soup = search(client, "qzxjvw")
    assert "0 results for “qzxjvw”" in status(soup)
    suggestions = soup.select_one(".app-search-results__suggestions")
    assert "check the spelling" in suggestions.get_text()
    assert suggestions.select_one("a")["href"] == launch_content["library"].url


def test_empty_query_asks_for_words(client, launch_content):
    soup = search(client, "   ")
    assert "Type a word or two" in status(soup)
    assert not titles(soup)


def test_drafts_private_pages_and_unpublished_resources_never_appear(client, launch_content):
    home = launch_content["strategy"]
    StandardPageFactory(
        parent=home,
        title="Zebracorn draft",
        summary="Zebracorn advice not yet approved",
        live=False,
    )
    private = StandardPageFactory(
        parent=home, title="Zebracorn private", summary="Zebracorn advice for staff only"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret-password"
    )
    child_of_private = StandardPageFactory(
        parent=private, title="Zebracorn child", summary="Zebracorn under a private page"
    )
    # A live page whose latest changes are an unpublished draft: only the live text is found.
    published = StandardPageFactory(
        parent=home, title="Zebracorn published", summary="Zebracorn advice that is approved"
    )
    published.summary = "Unicornfish words waiting for sign-off"
    published.save_revision()
    Resource.objects.create(
        title="Zebracorn unpublished leaflet",
        description="Zebracorn leaflet waiting for sign-off.",
        format=Format.LEAFLET,
        for_parents=True,
        external_url="https://example.org/leaflet",
        live=False,
    )
    assert child_of_private.live

    assert titles(search(client, "zebracorn")) == ["Zebracorn published"]
    assert titles(search(client, "unicornfish")) == []
    # The launch content's draft resource shares words with the live guide (and the advice).
    found = titles(search(client, "relationship changes"))
    assert "Me, You and Baby Too" not in found
    assert found == ["Looking after yourself", "Me, You and Baby Too: guide for professionals"]


def test_results_are_paginated_with_safe_page_numbers(client, launch_content):
    for number in range(23):
        Resource.objects.create(
            title=f"Quokka guide {number:02d}",
            description="A quokka guide for professionals.",
            format=Format.GUIDE,
            for_professionals=True,
            external_url=f"https://example.org/quokka/{number}",
            live=True,
        )
    soup = search(client, "quokka")
    assert "23 results" in status(soup)
    assert len(titles(soup)) == 10
    assert soup.select_one(".app-search-results__list")["start"] == "1"
    next_link = soup.select_one(".govuk-pagination__next a")["href"]
    assert next_link == "?q=quokka&page=2"
    page2 = search(client, "quokka", page="2")
    assert soup.select_one(".govuk-pagination__item--current").get_text() == "Page 1 of 3"
    assert page2.select_one(".app-search-results__list")["start"] == "11"
    assert not set(titles(page2)) & set(titles(soup))
    assert len(titles(search(client, "quokka", page="3"))) == 3
    # Out-of-range and nonsense page numbers: the last or the first page, never an error.
    assert titles(search(client, "quokka", page="999999999999999999999")) == titles(
        search(client, "quokka", page="3")
    )
    assert titles(search(client, "quokka", page="abc")) == titles(soup)
    # Every result appears exactly once across the pages.
    seen = [t for n in ("1", "2", "3") for t in titles(search(client, "quokka", page=n))]
    assert sorted(seen) == [f"Quokka guide {number:02d}" for number in range(23)]


def test_promoted_results_come_first_and_queries_are_never_stored(client, launch_content):
    privacy = launch_content["standard"]["privacy-notice"]
    draft = StandardPageFactory(
        parent=launch_content["strategy"],
        title="Draft sleep page",
        summary="Not approved",
        live=False,
    )
    query = Query.objects.create(query_string="safer sleep")
    SearchPromotion.objects.create(
        query=query, page=privacy, description="How we look after your information.", sort_order=0
    )
    SearchPromotion.objects.create(query=query, page=draft, sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.lullabytrust.org.uk/",
        external_link_text="The Lullaby Trust",
        sort_order=2,
    )

    soup = search(client, "  Safer   SLEEP ")
    promoted = soup.select(".app-search-results__list--promoted .app-search-result__title")
    assert [h.get_text(strip=True) for h in promoted] == ["Privacy notice", "The Lullaby Trust"]
    assert soup.find("h2", string="Recommended")
    assert titles(soup)[:3] == ["Privacy notice", "The Lullaby Trust", "Safer sleeping"]
    assert "How we look after your information." in soup.get_text()

    # A promoted page is not listed twice, and the count includes the recommended results.
    SearchPromotion.objects.create(query=query, page=launch_content["workstreams"][3], sort_order=3)
    soup = search(client, "safer sleep")
    assert titles(soup) == [
        "Privacy notice",
        "The Lullaby Trust",
        "Safer sleeping",
        "Safer sleep for your baby",
    ]
    assert "4 results for “safer sleep”" in status(soup)
    assert not soup.find("h2", string="Nothing found")

    queries = set(Query.objects.values_list("query_string", flat=True))
    search(client, "something nobody promoted")
    assert set(Query.objects.values_list("query_string", flat=True)) == queries
    assert not QueryDailyHits.objects.exists()


def test_search_terms_are_not_logged_or_cached(client, launch_content, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.get("/search/", {"q": "pinkelephant secret words"})
    assert "pinkelephant" not in caplog.text
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    # Not in the tab title either, where a shared screen would show it.
    assert "pinkelephant" not in soup.title.get_text()
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_privacy_notice_says_searches_are_not_recorded(client, launch_content):
    response = client.get(launch_content["standard"]["privacy-notice"].url)
    assert "We do not record what you type into the search box" in response.content.decode()


def test_header_has_a_labelled_get_search_form(client, launch_content):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/search/"
    assert form["method"].lower() == "get"
    field = form.find("input", attrs={"name": "q"})
    assert soup.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert form.find("button", attrs={"type": "submit"}).get_text(strip=True) == "Search"


def test_search_page_keeps_the_query_in_its_form(client, launch_content):
    soup = search(client, "safer sleep")
    assert soup.select_one("main input[name=q]")["value"] == "safer sleep"
    assert soup.find("label", attrs={"for": "search-q"})


def test_only_get_and_head(client, db):
    assert client.post("/search/", {"q": "sleep"}).status_code == 405
    assert client.head("/search/?q=sleep").status_code == 200


def test_admin_has_no_search_terms_report(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x" * 16)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Promoted search results" in content
    assert "Search terms" not in content
