"""A parent in crisis on a phone, 390 and 320 px wide: 999 and NHS 111 to tap within one scroll
of the crying and "When to get help" pages, under a sticky exit bar that covers little; "Exit
this page" does what "Staying safe online" says, with and without JavaScript; and whatever is
typed into the crying plan prints in full."""

import io

import pytest
from pypdf import PdfReader

from tests.support.public_content import NEUTRAL_PAGE, route_neutral_site

CRYING = "/for-parents-and-carers/coping-with-crying/"
GET_HELP = "/for-parents-and-carers/when-to-get-help/"
STAYING_SAFE = "/staying-safe-online/"
PHONES = {"390px": {"width": 390, "height": 844}, "320px": {"width": 320, "height": 568}}
ENHANCED = "document.body.classList.contains('govuk-frontend-supported')"
EXIT_URL = "https://www.bbc.co.uk/weather"
# Where the parent was before the website (a search, a text message's link...).
BEFORE_URL = "https://www.example.org/before"
LONG_ANSWER = "Stand at the back door, breathe slowly, text my sister Jo"
# The element at the middle of a box: what a finger pressing there would press.
TOP_ELEMENT = "([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.getAttribute('href')"


@pytest.fixture
def phone_context(browser, request):
    def make(viewport, **options):
        context = browser.new_context(viewport=viewport, locale="en-GB", **options)
        request.addfinalizer(context.close)
        route_neutral_site(context, EXIT_URL)
        context.route(
            lambda url: url.startswith(BEFORE_URL),
            lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
        )
        return context

    return make


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("path", [CRYING, GET_HELP])
def test_999_and_111_can_be_tapped_within_one_scroll(site, phone_context, phone, path):
    viewport = PHONES[phone]
    page = phone_context(viewport, has_touch=True, is_mobile=True).new_page()
    page.goto(site.url(path))
    page.wait_for_function(ENHANCED)
    for number in ("999", "111"):
        link = page.locator(f"main a[href='tel:{number}']").first
        box = link.bounding_box()
        assert box is not None, number
        # Within the first two screens: one scroll.
        assert box["y"] + box["height"] <= 2 * viewport["height"], (number, box)
        assert box["height"] >= 24 and box["width"] >= 24, (number, box)  # WCAG 2.2 target
        assert link.inner_text().strip() == number
        # Scrolled to, nothing (the sticky exit bar included) lies over it.
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        middle = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        assert page.evaluate(TOP_ELEMENT, middle) == f"tel:{number}"


def test_the_sticky_exit_bar_is_small_and_covers_no_text_at_320px_and_200_percent(site, browser):
    context = browser.new_context(viewport=PHONES["320px"], locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.goto(site.url(CRYING))
    page.wait_for_function(ENHANCED)
    page.add_style_tag(content="html { font-size: 200% !important; }")
    help_link = page.get_by_role("link", name="Staying safe online").first
    assert help_link.bounding_box()["height"] >= 24
    button = page.get_by_role("button", name="Emergency Exit this page")
    assert button.bounding_box()["height"] >= 24
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(200)
    bar = page.locator(".govuk-exit-this-page").bounding_box()
    assert bar["y"] == 0, "the exit button stays at the top of the screen"
    assert bar["height"] <= 568 / 6, bar
    # Only the opaque button sticks: the help link has scrolled away with the page.
    assert help_link.bounding_box()["y"] + help_link.bounding_box()["height"] <= 0
    # Moving back up the page by keyboard never leaves the focused link under the bar.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    link = page.get_by_role("link", name="when to get help")
    link.focus()
    assert (
        link.bounding_box()["y"] >= page.locator(".govuk-exit-this-page").bounding_box()["height"]
    )
    context.close()


def staying_safe_text(context, site):
    page = context.new_page()
    page.goto(site.url(STAYING_SAFE))
    text = " ".join(page.locator("main").inner_text().split())
    page.close()
    return text


def visit_then_exit(page, site, javascript=True):
    """A watched parent: from elsewhere to the home page, on to the crying page, then Exit.
    Returns how many entries the browser's history had on arriving at the home page."""
    page.goto(BEFORE_URL)
    page.goto(site.url("/"))
    entries = page.evaluate("history.length")
    if javascript:
        page.wait_for_function(ENHANCED)
    page.get_by_role("link", name="My baby won't stop crying").click()
    page.wait_for_url(site.url(CRYING))
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL)
    return entries


def test_after_exit_back_leads_away_from_the_site_as_staying_safe_online_says(site, phone_context):
    context = phone_context(PHONES["390px"])
    said = staying_safe_text(context, site)
    assert (
        "after you press Exit this page, the back button takes you to the page you were on "
        "before you came to this website, not back to this website." in said
    )
    page = context.new_page()
    entries = visit_then_exit(page, site)
    # The whole visit took one entry, and the weather page has taken it over.
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert page.url == BEFORE_URL
    page.go_forward()
    assert page.url == EXIT_URL


def test_without_javascript_back_brings_the_site_back_as_staying_safe_online_says(
    site, phone_context
):
    context = phone_context(PHONES["390px"], java_script_enabled=False)
    said = staying_safe_text(context, site)
    assert (
        "If it does not, the Shift key does nothing, and the back button brings this website "
        "back after you press Exit this page: close the tab or window too." in said
    )
    page = context.new_page()
    visit_then_exit(page, site, javascript=False)
    page.go_back()
    assert page.url == site.url(CRYING)


def pdf_sheets(page):
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join(sheet.extract_text().split()) for sheet in reader.pages]


def test_a_long_answer_in_the_plan_prints_in_full_on_one_sheet(site, page):
    page.goto(site.url(CRYING))
    page.wait_for_function(ENHANCED)
    page.get_by_label("What helps me calm down").fill(LONG_ANSWER)
    page.get_by_label("Something else that works for my baby").fill(
        "Rocking in the pram by the window while humming Twinkle Twinkle"
    )
    page.get_by_label("Name 1").fill("Jo (my sister, lives two streets away)")
    page.get_by_label("Phone number 1").fill("07700 900123")
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print my plan or save it as a PDF").click()
    sheets = pdf_sheets(page)
    assert len(sheets) == 1, "a realistic plan fits one A4 sheet"
    for typed in (
        LONG_ANSWER,
        "Rocking in the pram by the window while humming Twinkle Twinkle",
        "Jo (my sister, lives two streets away)",
    ):
        assert typed in sheets[0], typed


def test_without_javascript_a_long_answer_prints_in_full(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site.url(CRYING))
    # Longer than a line of the box: a single-line box would print only its start.
    longer = LONG_ANSWER + ", then count slowly to one hundred before I go back to my baby"
    page.get_by_label("What helps me calm down").fill(longer)
    page.emulate_media(media="print")
    assert longer in " ".join(pdf_sheets(page))
    context.close()


@pytest.mark.parametrize(
    "path", [CRYING, GET_HELP, "/for-parents-and-carers/safer-sleep-for-your-baby/"]
)
def test_the_browsers_own_print_of_an_advice_page_has_no_empty_sheet(site, page, path):
    page.goto(site.url(path))
    page.wait_for_function(ENHANCED)
    sheets = pdf_sheets(page)
    assert all(sheets), f"an empty sheet in {[len(sheet) for sheet in sheets]}"
