"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any public page type."""

import pytest

from tests.support.public_content import (
    PUBLIC_PAGES,
    add_video,
    run_axe,
    set_opening_hours,
)


@pytest.fixture
def axe_context(browser):
    # axe is injected as a script; the site's Content-Security-Policy would rightly refuse it.
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    yield context
    context.close()


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_no_axe_violations_at_320_390_and_1280_px(site, axe_context, name):
    add_video(site.content["workstreams"][4])
    set_opening_hours([(["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00")])
    page = axe_context.new_page()
    for width in (320, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(site.url(PUBLIC_PAGES[name]))
        assert response.status == (404 if name == "not_found" else 200)
        # The enhanced page is the one people use: wait until the script has run.
        page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
        violations = run_axe(page)
        assert violations == [], f"{name} at {width}px:\n" + "\n".join(violations)
    page.close()


def test_axe_does_report_a_violation(site, axe_context):
    """A guard against a check that passes everything (axe not loaded, wrong rules)."""
    page = axe_context.new_page()
    page.goto(site.url("/"))
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(line.startswith("image-alt") for line in run_axe(page))
    page.close()
