"""Exit this page: leaves at once by click and by Shift x3, replaces history, absent in print."""

import re

import pytest

from sitechrome.models import SiteLinks
from tests.support.public_content import route_neutral_site

EXIT_URL = "https://www.bbc.co.uk/weather"


@pytest.fixture
def neutral(site, context):
    assert SiteLinks.objects.get().exit_url == EXIT_URL
    requests = []
    context.on("request", lambda r: requests.append(r.url) if r.url.startswith(EXIT_URL) else None)
    route_neutral_site(context, EXIT_URL)
    return requests


def test_exit_button_replaces_the_page_with_the_neutral_site(site, page, neutral):
    page.goto(site.url("/"))
    page.goto(site.url("/safer-sleeping/"))
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL)
    assert neutral and neutral[0].startswith(EXIT_URL)
    # The visited page was replaced in the history: Back goes to the page before it.
    page.go_back()
    assert page.url == site.url("/")


def test_shift_pressed_three_times_leaves_the_site(site, page, neutral):
    page.goto(site.url("/useful-resources/"))
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.locator(".govuk-exit-this-page__indicator--visible").is_visible()
    assert not neutral
    with page.expect_navigation(url=re.compile(re.escape(EXIT_URL))):
        page.keyboard.press("Shift")
    assert neutral


def test_shift_with_other_keys_does_not_leave(site, page, neutral):
    page.goto(site.url("/"))
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+Tab")  # typing, not a deliberate third press
    page.wait_for_timeout(300)
    assert not neutral and page.url == site.url("/")


def test_exit_control_is_absent_from_print(site, page):
    page.goto(site.url("/safer-sleeping/"))
    page.emulate_media(media="print")
    assert page.locator(".govuk-exit-this-page").is_hidden()
    assert page.locator(".govuk-service-navigation").is_hidden()
    assert page.locator("h1").is_visible()
    # The helpline and the page's own address stay on paper.
    assert page.locator("footer .app-helpline").is_visible()
    address = page.locator(".app-print-url")
    assert address.is_visible() and site.url("/safer-sleeping/") in address.inner_text()
    page.emulate_media(media="screen")
    assert page.locator(".govuk-exit-this-page").is_visible()
    assert address.is_hidden()


def test_exit_link_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    route_neutral_site(context, EXIT_URL)
    page = context.new_page()
    page.goto(site.url("/all-babies-cry/"))
    link = page.locator("a.govuk-exit-this-page__button")
    assert link.get_attribute("href") == EXIT_URL
    link.click()
    page.wait_for_url(EXIT_URL)
    assert page.locator("h1").inner_text() == "Weather"
    context.close()
