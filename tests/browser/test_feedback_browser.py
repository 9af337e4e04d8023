"""A visitor tells us a page was not useful, with and without JavaScript, and an editor reads it
in the admin; the box is accessible open and after sending."""

import pytest
from django.urls import reverse

from feedback.models import PageFeedback
from tests.support.public_content import run_axe
from tests.support.users import PASSWORD, make_editor

PAGE = "/for-parents-and-carers/when-to-get-help/"
ENHANCED = "document.body.classList.contains('govuk-frontend-supported')"


def answer_no(page, comment):
    page.get_by_label("No", exact=True).check()
    page.get_by_label("What was wrong or missing?").fill(comment)
    page.wait_for_timeout(2100)  # a person takes a moment; a script that posts at once is refused
    page.get_by_role("button", name="Send feedback").click()


def editor_reads(browser, site, comment):
    editor = make_editor()
    context = browser.new_context(locale="en-GB")
    admin = context.new_page()
    admin.goto(site.url("/admin/login/"))
    admin.fill("input[name=username]", editor.username)
    admin.fill("input[name=password]", PASSWORD)
    admin.click("button[type=submit]")
    admin.wait_for_url(site.url("/admin/"))
    admin.goto(site.url(reverse("feedback_report")))
    row = admin.locator("#feedback-answers tbody tr").first
    assert comment in row.inner_text()
    assert "When to get help" in row.inner_text()
    context.close()


def test_with_javascript_the_answer_is_sent_in_place(site, browser, context, page):
    page.goto(site.url(PAGE))
    page.wait_for_function(ENHANCED)
    assert page.get_by_label("What was wrong or missing?").is_hidden()  # opens on an answer
    answer_no(page, "It did not say what to do at night")
    thanks = page.get_by_role("status")
    thanks.wait_for()
    assert "Thank you for your feedback" in thanks.inner_text()
    assert page.evaluate("document.activeElement.id") == "feedback-heading"
    assert page.url == site.url(PAGE)  # answered in place
    assert context.cookies() == []
    assert PageFeedback.objects.get().wrong_or_missing == "It did not say what to do at night"
    editor_reads(browser, site, "It did not say what to do at night")


def test_without_javascript_the_form_posts_and_comes_back_with_thanks(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site.url(PAGE))
    assert page.get_by_label("What was wrong or missing?").is_visible()
    answer_no(page, "Nothing about fever in older babies")
    page.wait_for_url(site.url(PAGE + "?feedback=thanks#feedback"))
    assert "Thank you for your feedback" in page.locator("#feedback").inner_text()
    assert context.cookies() == []
    context.close()
    editor_reads(browser, site, "Nothing about fever in older babies")


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_axe_violations_with_the_box_open_and_after_sending(site, axe_page, width):
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site.url(PAGE))
    page.wait_for_function(ENHANCED)
    page.get_by_label("No", exact=True).check()
    assert run_axe(page) == []
    # A refusal (here the honeypot, as a script would fill it) is said in the box.
    page.evaluate("document.getElementById('feedback-website').value = 'spam'")
    page.wait_for_timeout(2100)
    page.get_by_role("button", name="Send feedback").click()
    page.locator("[data-feedback-errors]").wait_for()
    assert "Your feedback was not sent" in page.locator("[data-feedback-errors]").inner_text()
    assert run_axe(page) == []
    page.evaluate("document.getElementById('feedback-website').value = ''")
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_role("status").wait_for()
    assert run_axe(page) == []
