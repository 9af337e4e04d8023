"""Site search in a real Chromium: the header form without JavaScript, and axe on the results."""

import pytest

from tests.support.public_content import run_axe


def test_header_search_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site.url("/"))
    page.get_by_role("search", name="Site search").get_by_label("Search this site").fill(
        "safer sleep"
    )
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=safer+sleep")
    assert page.locator("h1").inner_text() == "Search"
    # The workstream and the parents' advice score alike for these two words: both lead.
    results = page.locator(".app-search-result__title")
    assert sorted(results.all_inner_texts()[:2]) == ["Safer sleep for your baby", "Safer sleeping"]
    first = results.first.get_by_role("link")
    title, href = first.inner_text(), first.get_attribute("href")
    first.click()
    page.wait_for_url(site.url(href))
    assert page.locator("h1").inner_text() == title
    context.close()


@pytest.mark.parametrize("query", ["crying", "qzxjvw", "x" * 300, ""])
def test_search_results_have_no_axe_violations(site, browser, query):
    # axe is injected as a script; the site's Content-Security-Policy would rightly refuse it.
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(site.url("/search/?q=" + query))
        assert response.status == 200
        page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
        violations = run_axe(page)
        assert violations == [], f"{query[:20]!r} at {width}px:\n" + "\n".join(violations)
    context.close()
