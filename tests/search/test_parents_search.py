"""Search finds what parents type: the advice page comes first for "co-sleeping", "bed
sharing", "floppy", "won't stop crying" and "shaken", through the backend's own means (the
words parents use in the pages' searched fields, weighted, and editors' promoted results
loaded with the launch content). A search that finds nothing still offers help: "When to get
help", NHS 111, the helpline and 999."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import SearchPromotion

PARENTS_WORDS = {
    "co-sleeping": "Safer sleep for your baby",
    "bed sharing": "Safer sleep for your baby",
    "floppy": "When to get help",
    "won't stop crying": "Coping with crying",
    "shaken": "Coping with crying",
}


def first_result(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    first = soup.select_one(".app-search-result__title a")
    return first.get_text(strip=True) if first else None


@pytest.mark.parametrize("q", PARENTS_WORDS)
def test_what_parents_type_finds_the_advice_first(client, launch_content, q):
    assert first_result(client, q) == PARENTS_WORDS[q]


@pytest.mark.parametrize("q", PARENTS_WORDS)
def test_the_pages_own_words_find_the_advice_first_without_promotions(client, launch_content, q):
    SearchPromotion.objects.all().delete()
    assert first_result(client, q) == PARENTS_WORDS[q]


def test_editors_can_see_and_change_the_promotions_loaded_for_parents(launch_content):
    promoted = {
        promotion.query.query_string: promotion.page.title
        for promotion in SearchPromotion.objects.select_related("query", "page")
    }
    assert promoted["cosleeping"] == "Safer sleep for your baby"
    assert promoted["floppy"] == "When to get help"


def test_a_search_that_finds_nothing_offers_help_now(client, launch_content):
    soup = BeautifulSoup(client.get("/search/", {"q": "qzxjvw"}).content, "html.parser")
    help_box = soup.select_one(".app-search-results__help")
    assert help_box is not None
    links = {a["href"]: a.get_text(strip=True) for a in help_box.select("a")}
    assert links[launch_content["advice"]["when-to-get-help"].url] == "When to get help"
    assert links["tel:999"] == "999" and links["tel:111"] == "111"
    assert links["tel:+443003000123"] == "0300 300 0123"
    # The help comes before the hints about spelling.
    assert help_box.find_next(class_="app-search-results__suggestions") is not None
