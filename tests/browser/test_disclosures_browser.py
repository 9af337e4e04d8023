"""A parent's answer that may be a disclosure, sent from a real page, emails the safeguarding leads
at once and waits on a lead's dashboard and in the menu until the lead says what was done; a
long comment with no spaces leaves the report's buttons on the screen."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from core.dates import uk_today
from editorial.roles import setup_editorial_workflow
from feedback.models import PageFeedback
from tests.browser.test_feedback_browser import ENHANCED, PAGE, answer_no
from tests.support.browser import sign_in
from tests.support.users import make_lead

DISCLOSURE = "My partner shook the baby when she would not stop crying and I am scared"


@pytest.fixture
def lead(site):
    setup_editorial_workflow()
    return make_lead()


def test_a_flagged_answer_emails_the_leads_and_waits_on_their_dashboard(site, browser, page, lead):
    page.goto(site.url(PAGE))
    page.wait_for_function(ENHANCED)
    answer_no(page, DISCLOSURE)
    page.get_by_role("status").wait_for()

    [email] = mail.outbox
    assert email.to == [lead.email]
    feedback = PageFeedback.objects.get()
    assert f"/admin/reports/page-feedback/{feedback.pk}/" in email.body
    assert "shook" not in email.body and "scared" not in email.body

    context, admin = sign_in(browser, site, lead)
    panel = admin.locator("[data-possible-disclosures]")
    expect(panel).to_contain_text("1 possible disclosure needs a lead")
    menu = admin.locator("#wagtail-sidebar").get_by_role("link", name=re.compile("possible"))
    expect(menu).to_have_text("1 possible disclosure needs a lead")
    panel.get_by_role("link", name=re.compile("When to get help")).click()
    expect(admin.locator("[data-feedback-answer]")).to_contain_text(DISCLOSURE)
    # "Mark dealt with" needs what was done.
    admin.get_by_role("button", name="Mark dealt with").click()
    expect(admin.locator("[data-feedback-answer]")).to_contain_text("Say what was done")
    admin.get_by_label("What was done").fill("Phoned the MASH; referral made.")
    admin.get_by_role("button", name="Mark dealt with").click()
    expect(admin.locator(".messages")).to_contain_text("is marked dealt with")
    admin.goto(site.url("/admin/"))
    expect(admin.locator("[data-possible-disclosures]")).to_have_count(0)
    expect(admin.locator("#wagtail-sidebar")).not_to_contain_text("possible disclosure")
    context.close()


def test_a_long_comment_without_spaces_keeps_the_reports_buttons_on_screen(site, browser, lead):
    crying = site.content["advice"]["coping-with-crying"]
    PageFeedback.objects.create(
        page=crying,
        useful=False,
        created_on=uk_today(),
        wrong_or_missing="a" * 490,
        flagged=True,
    )
    context, admin = sign_in(browser, site, lead)
    admin.set_viewport_size({"width": 1024, "height": 800})
    admin.goto(site.url("/admin/reports/page-feedback/"))
    width = admin.evaluate("document.documentElement.clientWidth")
    for name in ("Mark dealt with", "Delete"):
        button = admin.locator("#feedback-answers").get_by_role("link", name=re.compile(name))
        box = button.first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box, width)
    assert admin.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
