"""In the real admin: an Editor who opens the helpline setting meets a page saying who can."""

from playwright.sync_api import expect

from editorial.roles import setup_editorial_workflow
from helpline.models import HelplineSettings
from tests.support.browser import sign_in
from tests.support.users import make_editor, make_lead


def test_an_editor_meets_the_who_can_do_this_page(site, browser):
    setup_editorial_workflow()
    editor = make_editor()
    make_lead("leah")
    helpline = HelplineSettings.objects.get()

    context, page = sign_in(browser, site, editor)
    response = page.goto(site.url(f"/admin/settings/helpline/helplinesettings/{helpline.site_id}/"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("You cannot do this")
    expect(page.get_by_role("alert")).to_contain_text(
        "Only safeguarding leads can change the helpline: ask one of them."
    )
    expect(page.locator("main")).to_contain_text("The safeguarding leads are: Leah.")
    expect(page.locator("main")).not_to_contain_text("Sorry, you do not have permission")
    page.get_by_role("link", name="Back to the dashboard").click()
    expect(page.locator("main")).not_to_contain_text("Sorry, you do not have permission")
    context.close()
