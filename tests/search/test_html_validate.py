"""The search page, in each of its states, is valid HTML by html-validate (npm)."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.support.html_validate import html_problems

STATES = {
    "empty": "",
    "results": "crying",
    "paged": "babies",
    "nothing": "qzxjvw",
    "close-spellings": "safe sleap",
    "too-long": "sleep " * 100,
    "promoted": "safer sleep",
}


def test_search_page_is_valid_html(client, launch_content, tmp_path):
    query = Query.objects.create(query_string="safer sleep")
    SearchPromotion.objects.create(query=query, page=launch_content["library"], sort_order=0)
    pages = {}
    for name, q in STATES.items():
        response = client.get("/search/", {"q": q, "page": "1"})
        assert response.status_code == 200, name
        pages[f"search-{name}"] = response.content
    problems = html_problems(pages, tmp_path)
    assert not problems, "\n".join(problems)
