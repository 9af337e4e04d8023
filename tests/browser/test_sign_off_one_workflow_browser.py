"""In the real admin, sign-off as one workflow in the team's words: the editor is told at
submission what is still missing; "Waiting for sign-off since … (by …)" shows to the editor and
the lead on the form, in the header and in the page listing; a lead's request for changes puts
no error badge on the editor's form; one "Resubmit for sign-off"; the lead requests changes and
approves from the compare screen (ticking "Publish it anyway" on purpose); the history reads
"Submitted for sign-off by …", "Changes requested by …", "Resubmitted by …", "Approved and
published by …"."""

import re

import pytest
from playwright.sync_api import expect

from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.browser import sign_in
from tests.support.users import make_editor, make_lead

WAITING = re.compile(r"Waiting for sign-off since \d+ \w+ \d{4}, \d\d:\d\d \(by Edna\)")
WAITING_SHORT = re.compile(r"Waiting for sign-off since \d+ \w{3} \d{4}, \d\d:\d\d \(by Edna\)")


@pytest.fixture
def people(site):
    # A live-server test flushes the database: the roles the migration made are set up again.
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead()}


def edit_url(site, page):
    return site.url(f"/admin/pages/{page.pk}/edit/")


def open_action_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def menu_items(page):
    open_action_menu(page)
    items = page.locator("footer [data-w-dropdown-target='content'] :is(button, a)")
    labels = [" ".join(text.split()) for text in items.all_inner_texts()]
    page.keyboard.press("Escape")
    return [label for label in labels if label]


def shows_waiting(page, site, workstream):
    """The form, the header and the page listing say it waits, since when and by whom."""
    page.goto(edit_url(site, workstream))
    expect(page.locator("[data-sign-off-standing]").first).to_contain_text(WAITING)
    badge = page.locator("header [data-sign-off-badge], [data-sign-off-badge]").first
    expect(badge).to_contain_text("Waiting for sign-off")
    expect(badge).to_have_attribute("data-w-tooltip-content-value", WAITING)
    page.goto(site.url(f"/admin/pages/{workstream.get_parent().pk}/"))
    row = page.locator("tr", has=page.get_by_role("link", name=workstream.title, exact=True))
    expect(row.locator("[data-sign-off-standing]")).to_contain_text(WAITING_SHORT)


def test_sign_off_from_submission_to_live_in_the_team_s_words(site, browser, people):
    workstream = WorkstreamPage.objects.get(pk=site.content["workstreams"][3].pk)
    missing = workstream.missing_information
    assert missing  # the launch content says what the partnership must still supply
    new_summary = "Where and how your baby sleeps safely, every sleep."

    # 1. The editor submits: told at once what the page still says is missing.
    editor_context, editor = sign_in(browser, site, people["editor"])
    editor.goto(edit_url(site, workstream))
    editor.fill("input[name=summary]", new_summary)
    assert "Submit for sign-off" in menu_items(editor)
    open_action_menu(editor)
    editor.get_by_role("button", name="Submit for sign-off").click()
    messages = editor.locator(".messages")
    expect(messages).to_contain_text("sent to the safeguarding leads for sign-off")
    expect(messages).to_contain_text(f"This page still says information is missing: {missing}")
    shows_waiting(editor, site, workstream)

    # 2. The lead sees the same, then asks for changes from the compare screen.
    lead_context, lead = sign_in(browser, site, people["lead"])
    shows_waiting(lead, site, workstream)
    lead.goto(edit_url(site, workstream))
    assert menu_items(lead) == [
        "Approve and publish",
        "Request changes",
        "Unpublish",
        "Take out of sign-off",
    ]
    lead.goto(site.url("/admin/"))
    lead.get_by_role("link", name="Compare with live").first.click()
    box = lead.locator("[data-review-from-compare]")
    expect(box).to_contain_text(WAITING)
    expect(box.locator("[data-still-missing]")).to_contain_text(missing)
    expect(lead.locator("main")).to_contain_text(new_summary)
    box.get_by_role("button", name="Request changes").click()
    dialog = lead.locator(".modal-dialog")
    dialog.get_by_label("What needs to change").fill("Say which cot mattress: firm and flat.")
    dialog.get_by_role("button", name="Request changes").click()
    expect(lead).to_have_url(re.compile(rf"/admin/pages/{workstream.pk}/edit/$"))
    expect(lead.locator(".messages")).to_contain_text("Changes requested on 'Safer sleeping'")

    # 3. The editor's form: the request at the top, and no error badge on any tab.
    editor.goto(edit_url(site, workstream))
    expect(editor.locator("[data-changes-requested]")).to_contain_text("firm and flat")
    expect(editor.get_by_role("tab", name="Content")).to_be_visible()
    expect(editor.locator(".w-tabs__errors")).to_have_count(3)  # Content, Promote, Settings
    for tab_errors in editor.locator(".w-tabs__errors").all():
        expect(tab_errors).to_be_hidden()
    labels = menu_items(editor)
    assert labels.count("Resubmit for sign-off") == 1
    assert not [label for label in labels if "Resubmit to" in label or "Restart" in label]
    open_action_menu(editor)
    editor.get_by_role("button", name="Resubmit for sign-off").click()
    expect(editor.locator(".messages")).to_contain_text("This page still says information is")

    # 4. The lead approves from the compare screen, ticking "Publish it anyway" on purpose.
    lead.goto(site.url("/admin/"))
    lead.get_by_role("link", name="Compare with live").first.click()
    lead.locator("[data-review-from-compare]").get_by_role(
        "button", name="Approve and publish"
    ).click()
    dialog = lead.locator(".modal-dialog")
    expect(dialog.locator("[data-still-missing]")).to_contain_text(missing)
    approve = dialog.get_by_role("button", name="Approve and publish")
    expect(approve).to_be_disabled()
    dialog.get_by_label(re.compile("Publish it anyway")).check()
    expect(approve).to_be_enabled()
    approve.click()
    expect(lead).to_have_url(re.compile(rf"/admin/pages/{workstream.pk}/edit/$"))
    expect(lead.locator(".messages")).to_contain_text("has been approved and published")
    expect(lead.locator("[data-sign-off-badge]")).to_have_count(0)

    visitor = browser.new_page()
    visitor.goto(site.url(workstream.url))
    expect(visitor.locator("main")).to_contain_text(new_summary)
    visitor.close()

    # 5. The history, in the team's words, newest first.
    editor.goto(site.url(f"/admin/pages/{workstream.pk}/history/"))
    rows = editor.locator("main table tbody tr")
    lines = [" ".join(text.split()) for text in rows.all_inner_texts()]
    said = [line for line in lines if " by " in line]
    assert [line.split(" by ")[0] for line in said[:4]] == [
        "Approved and published",
        "Resubmitted",
        "Changes requested",
        "Submitted for sign-off",
    ]
    assert [line.split(" by ")[1].split()[0] for line in said[:4]] == [
        "Leah",
        "Edna",
        "Leah",
        "Edna",
    ]
    text = " ".join(lines)
    for wagtail_says in ("Cancelled", "Rejected", "Workflow", "lead approval"):
        assert wagtail_says not in text

    editor_context.close()
    lead_context.close()


def test_draft_changes_not_yet_live_after_a_save(site, browser, people):
    workstream = WorkstreamPage.objects.get(pk=site.content["workstreams"][2].pk)
    context, page = sign_in(browser, site, people["editor"])
    page.goto(edit_url(site, workstream))
    expect(page.locator("[data-sign-off-badge]")).to_have_count(0)
    page.fill("input[name=summary]", "A change saved, not yet submitted.")
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("updated")
    expect(page.locator("[data-sign-off-badge]")).to_contain_text("Draft changes not yet live")
    page.goto(site.url(f"/admin/pages/{workstream.get_parent().pk}/"))
    row = page.locator("tr", has=page.get_by_role("link", name=workstream.title, exact=True))
    expect(row.locator("[data-sign-off-standing]")).to_have_text("Draft changes not yet live")
    context.close()
