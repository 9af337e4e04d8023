"""In the real admin: an editor submits a change and may still correct it, a lead asks for
changes (the editor sees the comment on their form), then approves it and visitors see it."""

import re

import pytest
from playwright.sync_api import expect

from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.browser import sign_in
from tests.support.users import make_editor, make_lead


@pytest.fixture
def people(site):
    # A live-server test flushes the database: the roles the migration made are set up again.
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead()}


def edit_url(site, workstream):
    return site.url(f"/admin/pages/{workstream.pk}/edit/")


def open_action_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def choose(page, action_name):
    """Open the footer's action menu and choose the sign-off action of that name."""
    open_action_menu(page)
    page.locator(f"footer button[data-workflow-action-name='{action_name}']").click()
    return page.locator(".modal-dialog")


def test_editor_submits_corrects_lead_asks_then_approves_visitors_see_it(site, browser, people):
    workstream = site.content["workstreams"][3]
    first_try = "Where and how your baby sleeps safely."
    new_summary = "Where and how your baby sleeps safely, checked by a safeguarding lead."

    context, page = sign_in(browser, site, people["editor"])
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", first_try)
    open_action_menu(page)
    expect(page.locator("button[name=action-publish]")).to_have_count(0)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("sent to the safeguarding leads for sign-off")

    # Still the editor's to correct, as the guide says: saving sends the new version.
    page.goto(edit_url(site, workstream))
    expect(page.locator("input[name=summary]")).to_be_editable()
    page.fill("input[name=summary]", new_summary)
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("goes back to the safeguarding leads")
    context.close()

    visitor = browser.new_page()
    visitor.goto(site.url(workstream.url))
    expect(visitor.locator("main")).not_to_contain_text(new_summary)
    visitor.close()

    context, page = sign_in(browser, site, people["lead"])
    expect(page.locator("body")).to_contain_text("Review and sign off")
    page.goto(edit_url(site, workstream))
    dialog = choose(page, "reject")
    dialog.get_by_label("What needs to change").fill("Say which cot mattress: firm and flat.")
    dialog.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messages")).to_contain_text("Changes requested on 'Safer sleeping'")
    context.close()

    context, page = sign_in(browser, site, people["editor"])
    page.goto(edit_url(site, workstream))
    notice = page.locator("[data-changes-requested]")
    expect(notice).to_contain_text("Leah asked for changes")
    expect(notice).to_contain_text("Say which cot mattress: firm and flat.")
    open_action_menu(page)
    page.get_by_role("button", name="Resubmit for sign-off").click()
    expect(page.locator(".messages")).to_contain_text("sent to the safeguarding leads for sign-off")
    context.close()

    context, page = sign_in(browser, site, people["lead"])
    page.goto(edit_url(site, workstream))
    open_action_menu(page)
    expect(page.locator("footer button[name=action-publish]")).to_have_count(0)
    page.keyboard.press("Escape")
    dialog = choose(page, "approve")
    expect(dialog.get_by_label(re.compile("This approval is also a review"))).to_be_checked()
    # The launch content says what is still missing on this page: the lead confirms.
    dialog.get_by_label(re.compile("Publish it anyway")).check()
    dialog.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messages")).to_contain_text("has been approved and published")
    context.close()

    assert WorkstreamPage.objects.get(pk=workstream.pk).last_reviewed is not None
    visitor = browser.new_page()
    visitor.goto(site.url(workstream.url))
    expect(visitor.locator("main")).to_contain_text(new_summary)
    visitor.goto(site.url("/"))
    expect(visitor.locator("main")).to_contain_text(new_summary)
    visitor.close()


def test_a_lead_confirms_before_publishing_with_missing_information(site, browser, people):
    workstream = site.content["workstreams"][2]
    context, page = sign_in(browser, site, people["editor"])
    page.goto(edit_url(site, workstream))
    page.get_by_role("tab", name="Settings").click()
    page.fill("textarea[name=missing_information]", "The midwives' phone number")
    open_action_menu(page)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("sent to the safeguarding leads")
    context.close()

    context, page = sign_in(browser, site, people["lead"])
    page.goto(edit_url(site, workstream))
    expect(page.locator(".help-warning").first).to_contain_text("The midwives' phone number")
    dialog = choose(page, "approve")
    expect(dialog.locator("[data-still-missing]")).to_contain_text("The midwives' phone number")
    # Approving waits for the lead's deliberate tick: no error after the click.
    expect(dialog.get_by_role("button", name="Approve and publish")).to_be_disabled()
    assert WorkstreamPage.objects.get(pk=workstream.pk).has_unpublished_changes
    dialog.get_by_label(re.compile("Publish it anyway")).check()
    dialog.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messages")).to_contain_text("has been approved and published")
    context.close()
    assert WorkstreamPage.objects.get(pk=workstream.pk).missing_information


def test_an_empty_field_in_a_block_is_caught_at_save_and_typed_text_is_kept(site, browser, people):
    workstream = WorkstreamPage.objects.get(pk=site.content["workstreams"][3].pk)
    workstream.body = [("quote", {"quote": "Back to sleep, every sleep.", "attribution": ""})]
    workstream.save_revision().publish()
    typed = "Words the editor typed and must not lose."

    context, page = sign_in(browser, site, people["editor"])
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", typed)
    quote = page.locator("textarea[name$='-value-quote']").first
    quote.fill("")
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    expect(
        page.locator(
            "[data-contentpath='quote'] .error-message, [data-contentpath='quote'] .w-field__errors"
        ).first
    ).to_contain_text("This field is required")
    expect(page.locator("input[name=summary]")).to_have_value(typed)
    context.close()
    assert (
        WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object().summary
        != typed
    )


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
