"""In the real admin: an Editor submits a page, a lead opens it and its "Approve and publish"
dialog, the Editor changes the waiting version every way the admin offers or accepts (a crafted
`overwrite_revision_id` post, then a plain Save draft), the lead approves, and visitors see only
what the lead was shown (or the approval is refused and says why)."""

import re

import pytest
from playwright.sync_api import expect

from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.browser import sign_in
from tests.support.users import make_editor, make_lead

FIRST = "Babies sleep on their backs, in a clear cot, for every sleep."
OVERWRITTEN = "Words put over the version the lead was reading."
SAVED_AFTER = "A later version the lead had not opened yet."

# What a crafted post adds to the edit form: Wagtail's autosave field, aimed at the version the
# form shows (the one waiting for sign-off).
CRAFT_OVERWRITE = """() => {
    const form = document.querySelector("form[data-edit-form]");
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "overwrite_revision_id";
    input.value = form.querySelector("input[name=loaded_revision_id]").value;
    form.appendChild(input);
}"""


@pytest.fixture
def people(site):
    # A live-server test flushes the database: the roles the migration made are set up again.
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead()}


@pytest.fixture
def workstream(site):
    """Safer sleeping, with nothing missing (so the lead approves without confirming)."""
    page = WorkstreamPage.objects.get(pk=site.content["workstreams"][3].pk)
    page.missing_information = ""
    page.save_revision().publish()
    return page


def edit_url(site, page):
    return site.url(f"/admin/pages/{page.pk}/edit/")


def open_action_menu(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def open_approval(page):
    open_action_menu(page)
    page.locator("footer button[data-workflow-action-name='approve']").click()
    return page.locator(".modal-dialog")


def editor_saves(page, site, workstream, summary, submit=False):
    page.goto(edit_url(site, workstream))
    page.fill("input[name=summary]", summary)
    if submit:
        open_action_menu(page)
        page.locator("button[name=action-submit]").click()
    else:
        page.locator("footer button[type=submit]").first.click()


def public_summary(browser, site, workstream):
    visitor = browser.new_page()
    visitor.goto(site.url(workstream.url))
    text = visitor.locator("main").inner_text()
    visitor.close()
    return text


def test_what_goes_live_is_what_the_lead_was_shown(site, browser, people, workstream):
    editor_context, editor = sign_in(browser, site, people["editor"])
    lead_context, lead = sign_in(browser, site, people["lead"])

    # 1. The editor submits; the lead opens it (the dashboard's "Review and sign off") and reads
    # this version as visitors would see it (View draft).
    editor_saves(editor, site, workstream, FIRST, submit=True)
    expect(editor.locator(".messages")).to_contain_text("sent to the safeguarding leads")
    lead.goto(site.url("/admin/"))
    lead.get_by_role("link", name="Review and sign off").first.click()
    expect(lead.locator("input[name=summary]")).to_have_value(FIRST)
    lead.goto(site.url(f"/admin/pages/{workstream.pk}/view_draft/"))
    expect(lead.locator("main")).to_contain_text(FIRST)

    # 2. The editor overwrites the version the lead read, with a crafted form.
    editor.goto(edit_url(site, workstream))
    editor.evaluate(CRAFT_OVERWRITE)
    editor.fill("input[name=summary]", OVERWRITTEN)
    with editor.expect_navigation() as overwrite:
        editor.locator("footer button[type=submit]").first.click()

    # 3. The lead comes back to it from the dashboard and approves: visitors read only what the
    # lead read, because the overwrite was refused and nothing was saved.
    lead.goto(site.url("/admin/"))
    lead.get_by_role("link", name="Review and sign off").first.click()
    dialog = open_approval(lead)
    dialog.get_by_role("button", name="Approve and publish").click()
    expect(lead.locator(".messages")).to_contain_text("has been approved and published")
    shown = public_summary(browser, site, workstream)
    assert OVERWRITTEN not in shown
    assert FIRST in shown
    assert overwrite.value.status == 400
    expect(editor).to_have_title(re.compile("^Not saved"))
    expect(editor.locator("#main [role=alert]")).to_contain_text("Nothing was saved")

    # 4. Again, but the editor saves a new version (the plain way) after the lead opened it.
    editor_saves(editor, site, workstream, OVERWRITTEN, submit=True)
    expect(editor.locator(".messages")).to_contain_text("sent to the safeguarding leads")
    lead.goto(edit_url(site, workstream))
    dialog = open_approval(lead)
    editor_saves(editor, site, workstream, SAVED_AFTER)
    expect(editor.locator(".messages")).to_contain_text("goes back to the safeguarding leads")

    dialog.get_by_role("button", name="Approve and publish").click()
    expect(dialog).to_contain_text("Not approved: it changed after you opened it")
    expect(dialog).to_contain_text(re.compile(r"Edna saved it at \d+ \w+ \d{4}, \d\d:\d\d"))
    shown = public_summary(browser, site, workstream)
    assert FIRST in shown and OVERWRITTEN not in shown and SAVED_AFTER not in shown

    # 5. The lead opens the new version from the dialog, reads it and approves that.
    dialog.get_by_role("link", name="See the new version").click()
    expect(lead.locator("input[name=summary]")).to_have_value(SAVED_AFTER)
    dialog = open_approval(lead)
    expect(dialog).to_contain_text("You are approving the version Edna saved on")
    dialog.get_by_role("button", name="Approve and publish").click()
    expect(lead.locator(".messages")).to_contain_text("has been approved and published")
    shown = public_summary(browser, site, workstream)
    assert SAVED_AFTER in shown and OVERWRITTEN not in shown

    editor_context.close()
    lead_context.close()
