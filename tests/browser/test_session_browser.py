"""The admin session ends after an idle hour (here a few seconds): the editor is warned first and
can stay signed in; and when it has ended, a save keeps everything typed across signing in
again, shown back unsaved on the same page for the editor to check and save."""

import re

import pytest
from playwright.sync_api import expect

from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.browser import sign_in
from tests.support.users import PASSWORD, make_editor

SUMMARY = "Where and how your baby sleeps safely, typed just before a long phone call."
QUOTE = "Back to sleep, every sleep: typed in a block, kept too."
KEPT = "Object.keys(sessionStorage).filter((key) => key.startsWith('pb-kept-form:'))"


@pytest.fixture
def editor(site, settings):
    setup_editorial_workflow()
    # Wagtail pings while an edit page is in front; a tab left in the background does not.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    return make_editor()


@pytest.fixture
def workstream(site):
    page = WorkstreamPage.objects.get(pk=site.content["workstreams"][3].pk)
    page.body = [("quote", {"quote": "Back to sleep.", "attribution": ""})]
    page.save_revision().publish()
    return page


def edit_url(site, page):
    return site.url(f"/admin/pages/{page.pk}/edit/")


def banner(page):
    return page.locator(".pb-session")


def test_a_save_after_the_session_ended_keeps_what_was_typed_across_signing_in(
    site, browser, settings, editor, workstream
):
    settings.SESSION_COOKIE_AGE = 8
    context, page = sign_in(browser, site, editor)
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", SUMMARY)
    page.locator("textarea[name$='-value-quote']").first.fill(QUOTE)

    page.wait_for_timeout(9_000)  # the tab is left alone past the session's end
    expect(banner(page)).to_contain_text("You have been signed out", timeout=10_000)
    page.locator("footer button[type=submit]").first.click()  # Save draft

    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    expect(page.locator("main")).to_contain_text("What you typed before you were signed out")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    # Back on the page, with everything typed, and nothing saved yet.
    expect(page.locator(".messages")).to_contain_text("What you typed before you were signed out")
    expect(page.locator("input[name=summary]")).to_have_value(SUMMARY)
    expect(page.locator("textarea[name$='-value-quote']").first).to_have_value(QUOTE)
    assert page.evaluate(KEPT) == []  # used once, then gone
    latest = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object()
    assert latest.summary != SUMMARY

    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    latest = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object()
    assert latest.summary == SUMMARY
    assert latest.body[0].value["quote"] == QUOTE
    context.close()


def test_the_editor_is_warned_first_and_can_stay_signed_in(
    site, browser, settings, editor, workstream
):
    settings.SESSION_COOKIE_AGE = 16  # warned in its last 4 seconds
    context, page = sign_in(browser, site, editor)
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", SUMMARY)
    expect(banner(page)).to_contain_text("You will be signed out at", timeout=20_000)
    page.get_by_role("button", name="Stay signed in").click()
    expect(banner(page)).to_be_hidden()
    page.wait_for_timeout(6_000)  # past when the session would have ended
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    assert "/admin/login/" not in page.url
    latest = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object()
    assert latest.summary == SUMMARY
    context.close()


def test_what_one_person_typed_never_comes_back_for_another(
    site, browser, settings, editor, workstream
):
    settings.SESSION_COOKIE_AGE = 8
    other = make_editor("ollie")
    context, page = sign_in(browser, site, editor)
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", SUMMARY)
    page.wait_for_timeout(9_000)
    page.locator("footer button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("input[name=username]", other.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/edit/$"))
    page.wait_for_timeout(2_000)  # time enough for a copy to be posted back, were it used
    expect(page).to_have_url(re.compile(r"/edit/$"))
    expect(page.locator(".messages")).not_to_contain_text("What you typed")
    assert page.locator("input[name=summary]").input_value() != SUMMARY
    assert page.evaluate(KEPT) == []
    context.close()


def test_a_save_the_browser_thinks_too_late_goes_through_when_the_session_lives(
    site, browser, settings, editor, workstream
):
    """Another tab (here a request this page does not see) kept the session alive: the save
    asks the server first, then saves as pressed, with no signing in."""
    settings.SESSION_COOKIE_AGE = 8
    context, page = sign_in(browser, site, editor)
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", SUMMARY)
    page.wait_for_timeout(4_000)
    assert context.request.get(site.url("/admin/session/")).ok  # alive until 8 s from now
    page.wait_for_timeout(5_000)  # this page's clock says the session has ended
    with page.expect_request(re.compile(r"/admin/session/$")):  # so it asks first
        page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    assert "/admin/login/" not in page.url
    latest = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object()
    assert latest.summary == SUMMARY
    context.close()
