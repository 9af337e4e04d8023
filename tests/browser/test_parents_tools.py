"""The crying plan and the safer-sleep checklist in a real browser: a parent fills them in and
prints them on one A4 page, and nothing leaves the page or stays behind in the browser. Also
the home page's first phone screen."""

import io

import pytest
from pypdf import PdfReader

PLAN = "/for-parents-and-carers/coping-with-crying/"
CHECKLIST = "/for-parents-and-carers/safer-sleep-for-your-baby/"
ENHANCED = "document.body.classList.contains('govuk-frontend-supported')"
# window.print() opens a dialog a test cannot press: record the call instead.
STUB_PRINT = "window.print = () => { window.__printed = true; }"


def open_enhanced(page, url):
    page.goto(url)
    page.wait_for_function(ENHANCED)


def watch_requests(page):
    """Every request the page makes from now on (data: addresses included, if any)."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def assert_nothing_kept(context, page, url, history_length):
    assert context.cookies() == []
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("sessionStorage.length") == 0
    assert page.url == url  # nothing in the address
    assert page.evaluate("history.length") == history_length  # nothing in the history


def printed_pdf(page):
    """What the print of the page looks like on A4, as a PDF: its pages and their text."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [sheet.extract_text() for sheet in reader.pages]


def test_a_filled_in_crying_plan_prints_on_one_page_and_nothing_is_kept(site, context, page):
    url = site.url(PLAN)
    open_enhanced(page, url)
    history = page.evaluate("history.length")
    requests = watch_requests(page)

    page.get_by_label("Are they hungry?").check()
    page.get_by_label("A warm bath").check()
    page.get_by_label("Something else that works for my baby").fill("Singing Twinkle Twinkle")
    page.get_by_label("What helps me calm down").fill("Ringing my sister")
    page.get_by_label("Name 1").fill("Auntie Sam")
    page.get_by_label("Phone number 1").fill("07700 900123")
    page.keyboard.press("Enter")  # nothing to submit: the page stays as it is

    page.evaluate(STUB_PRINT)
    button = page.get_by_role("button", name="Print my plan or save it as a PDF")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") is True

    page.emulate_media(media="print")
    assert page.locator(".app-print-tool__target .app-print-qr__code").is_visible()
    assert not page.locator(".govuk-exit-this-page").is_visible()
    assert page.get_by_label("Are they hungry?").is_checked()

    sheets = printed_pdf(page)
    assert len(sheets) == 1, "the plan must fit one A4 sheet"
    text = " ".join(sheets[0].split())
    for typed in ("Singing Twinkle Twinkle", "Ringing my sister", "Auntie Sam", "07700 900123"):
        assert typed in text
    assert "My crying plan" in text and "Exit this page" not in text  # the plan alone
    assert "0300 300 0123" in text and "999" in text
    assert "Not yet reviewed" in text
    assert "coping-with-crying" in text.replace(" ", "")  # the page's address
    # Printing over (Chromium says so after making the PDF): the whole page is back.
    assert page.locator(".app-print-tool__target").count() == 0
    page.emulate_media(media="screen")

    assert requests == [], "typing and printing must not reach the server or anyone else"
    assert_nothing_kept(context, page, url, history)


def test_leaving_the_page_forgets_the_plan(site, page):
    open_enhanced(page, site.url(PLAN))
    page.get_by_label("Name 1").fill("Auntie Sam")
    page.get_by_label("A warm bath").check()
    # Moving around the site replaces the page in the history (so Back would not return to
    # it at all); a typed address does not, and Back may bring the page from the cache.
    page.goto(site.url("/for-parents-and-carers/"))
    page.go_back()
    page.wait_for_function(ENHANCED)
    assert page.get_by_label("Name 1").input_value() == ""
    assert not page.get_by_label("A warm bath").is_checked()


def test_the_checklist_is_ticked_and_printed_storing_nothing(site, context, page):
    url = site.url(CHECKLIST)
    open_enhanced(page, url)
    history = page.evaluate("history.length")
    requests = watch_requests(page)
    page.get_by_label("On their back, every sleep").check()
    page.get_by_label("No smoking near the baby").check()
    page.evaluate(STUB_PRINT)
    page.get_by_role("button", name="Print the checklist").click()
    sheets = printed_pdf(page)
    assert len(sheets) == 1
    assert "Safer sleep checklist" in sheets[0]
    assert "Never asleep with the baby on a sofa or armchair" in " ".join(sheets[0].split())
    assert page.get_by_label("On their back, every sleep").is_checked()
    assert requests == []
    assert_nothing_kept(context, page, url, history)


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_the_plan_is_a_blank_form_to_print(site, no_script_page):
    page = no_script_page
    page.goto(site.url(PLAN))
    assert page.get_by_role("button", name="Print my plan or save it as a PDF").count() == 0 or (
        not page.get_by_role("button", name="Print my plan or save it as a PDF").is_visible()
    )
    assert page.get_by_text("use your browser’s Print option").first.is_visible()
    page.emulate_media(media="print")
    plan = page.locator(".app-crying-plan")
    assert plan.is_visible()
    line = page.get_by_label("Name 1")
    assert line.is_visible() and line.input_value() == ""
    style = line.evaluate(
        "el => getComputedStyle(el).borderBottomStyle + getComputedStyle(el).borderTopStyle"
    )
    assert style == "solidnone"  # a line to write on
    assert page.locator(".app-crying-plan .app-print-qr__code").is_visible()


def test_the_home_pages_first_phone_screen_has_the_parents_routes_and_helpline(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    open_enhanced(page, site.url("/"))
    on_first_screen = [
        page.get_by_role("link", name="Safer sleep for your baby"),
        page.get_by_role("link", name="My baby won't stop crying"),
        page.get_by_role("link", name="Get help now"),
        page.locator(".app-parent-routes a[href^='tel:']"),
        page.locator(".app-parent-routes a[href^='sms:']"),
        page.get_by_role("link", name="I work with babies and families"),
    ]
    for link in on_first_screen:
        box = link.first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, link
        assert box["height"] >= 24  # a tap target
    context.close()
