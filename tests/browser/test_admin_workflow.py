"""In the real admin: an editor submits a change, a lead approves it, visitors see it."""

import re

import pytest
from playwright.sync_api import expect

from protecting_babies.roles import setup_editorial_workflow
from tests.support.users import PASSWORD, make_editor, make_lead


@pytest.fixture
def people(site):
    # A live-server test flushes the database: the roles the migration made are set up again.
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead()}


def sign_in(browser, site, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(site.url("/admin/login/"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return context, page


def edit_url(site, workstream):
    return site.url(f"/admin/pages/{workstream.pk}/edit/")


def open_action_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def test_editor_submits_lead_approves_visitors_see_it(site, browser, people):
    workstream = site.content["workstreams"][3]
    new_summary = "Where and how your baby sleeps safely, checked by a safeguarding lead."

    context, page = sign_in(browser, site, people["editor"])
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", new_summary)
    open_action_menu(page)
    expect(page.locator("button[name=action-publish]")).to_have_count(0)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    context.close()

    visitor = browser.new_page()
    visitor.goto(site.url(workstream.url))
    expect(visitor.locator("main")).not_to_contain_text(new_summary)
    visitor.close()

    context, page = sign_in(browser, site, people["lead"])
    expect(page.locator("body")).to_contain_text("Safer sleeping")
    page.goto(edit_url(site, workstream))
    open_action_menu(page)
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    context.close()

    visitor = browser.new_page()
    visitor.goto(site.url(workstream.url))
    expect(visitor.locator("main")).to_contain_text(new_summary)
    visitor.goto(site.url("/"))
    expect(visitor.locator("main")).to_contain_text(new_summary)
    visitor.close()


def test_a_failed_save_keeps_what_the_editor_typed(site, browser, people):
    workstream = site.content["workstreams"][3]
    typed = "Words the editor typed and must not lose."

    context, page = sign_in(browser, site, people["editor"])
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", typed)
    # Another workstream already has number 1: the server refuses the save.
    page.fill("input[name=number]", "1")
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    expect(page.locator("input[name=summary]")).to_have_value(typed)
    expect(page.locator("input[name=number]")).to_have_value("1")
    context.close()
