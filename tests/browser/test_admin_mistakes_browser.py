"""Editors' everyday mistakes in the real admin: over-long text is never cut short (it is
counted, then refused with the count, all of it kept); a 60 MB file is refused as soon as it is
chosen, before any of it is sent; leaving "Add images" with an unsaved upload asks first;
comment times read the UK way even in a US browser."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.models import Comment, Site

from editorial.roles import setup_editorial_workflow
from helpline.models import HelplineSettings
from tests.browser.test_images_browser import ALT, media, png_bytes  # noqa: F401 (a fixture)
from tests.support.browser import sign_in
from tests.support.users import PASSWORD, make_editor, make_lead

SIXTY_MB = 60 * 1024 * 1024


@pytest.fixture
def people(site):
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead()}


@pytest.fixture
def big_pdf(tmp_path):
    """A 60 MB file (sparse: it takes no room on the disk)."""
    path = tmp_path / "annual-report.pdf"
    with path.open("wb") as file:
        file.write(b"%PDF-1.4\n")
        file.truncate(SIXTY_MB)
    return path


def test_an_over_long_message_is_counted_and_refused_never_cut(site, browser, people):
    context, page = sign_in(browser, site, people["lead"])
    site_id = Site.objects.get(is_default_site=True).pk
    page.goto(site.url(f"/admin/settings/helpline/helplinesettings/{site_id}/"))
    long_text = "Closed for training; in an emergency call 999. " * 6 + "x" * 18  # 300 characters
    assert len(long_text) == 300
    page.locator("#notices-root button[title='Insert a block']").click()
    day = datetime.date.today() + datetime.timedelta(days=30)
    page.locator("input[name='notices-0-value-first_date']").fill(f"{day:%d/%m/%Y}")
    page.locator("input[name='notices-0-value-last_date']").fill(f"{day:%d/%m/%Y}")
    message = page.locator("input[name='notices-0-value-message']")
    message.click()
    page.keyboard.insert_text(long_text)  # as a paste
    expect(message).to_have_value(long_text)  # all of it: the browser no longer cuts it
    expect(page.locator("#notices-0-value-message-count")).to_have_text(
        "300 characters: 45 too many (255 at most). Shorten it before saving."
    )
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    expect(page.locator("#notices-root")).to_contain_text("(it has 300)")
    expect(page.locator("input[name='notices-0-value-message']")).to_have_value(long_text)
    assert HelplineSettings.objects.get().dated_notices() == []
    context.close()


def posts_to(page, part):
    """The POST requests the page sends to addresses containing `part`, as they happen."""
    sent = []
    page.on("request", lambda r: sent.append(r) if r.method == "POST" and part in r.url else None)
    return sent


def test_a_60_mb_document_is_refused_before_any_of_it_is_sent(site, browser, people, big_pdf):
    document = get_document_model().objects.create(
        title="Strategy", file=ContentFile(b"%PDF-1.4 strategy", name="strategy.pdf")
    )
    context, page = sign_in(browser, site, people["lead"])
    # The document's own page: "Change document file".
    page.goto(site.url(f"/admin/documents/edit/{document.pk}/"))
    sent = posts_to(page, "/admin/documents/")
    page.set_input_files("input[type=file][name=file]", str(big_pdf))
    refusal = page.get_by_role("alert").filter(has_text="annual-report.pdf")
    expect(refusal).to_contain_text("“annual-report.pdf” is 60 MB: a document can be 20 MB at most")
    assert page.eval_on_selector("input[type=file][name=file]", "input => input.files.length") == 0
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state()
    assert all(len(request.post_data_buffer or b"") < 1024 * 1024 for request in sent)
    assert get_document_model().objects.get(pk=document.pk).file.size < 1024

    # "Add a document" (several at once): Wagtail's own check refuses it before sending too.
    page.goto(site.url("/admin/documents/multiple/add/"))
    sent = posts_to(page, "/admin/documents/multiple/")
    page.set_input_files("#fileupload", str(big_pdf))
    expect(page.locator("#upload-list")).to_contain_text("too big")
    page.wait_for_timeout(1_000)
    assert sent == []
    assert get_document_model().objects.count() == 1
    context.close()


def test_leaving_add_images_with_an_unsaved_upload_asks_first(site, browser, people, media):  # noqa: F811
    context, page = sign_in(browser, site, people["editor"])
    page.goto(site.url("/admin/images/multiple/add/"))
    page.set_input_files(
        "#fileupload", files=[{"name": "cot.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    item = page.locator("#upload-list > li")
    expect(item).to_contain_text("Not saved yet.")
    item.get_by_label("Alt text").click()  # the editor has been on the page

    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.locator("#wagtail-sidebar").get_by_role("link", name="Resources").click()
    page.wait_for_timeout(1_000)
    assert asked == ["beforeunload"]
    assert page.url.endswith("/admin/images/multiple/add/")
    expect(item).to_contain_text("Not saved yet.")

    item.get_by_label("Alt text").fill(ALT)
    item.get_by_role("button", name="Save image").click()
    expect(page.locator(".messages")).to_contain_text("Image saved.", timeout=15_000)
    expect(item).to_have_count(0)
    page.locator("#wagtail-sidebar").get_by_role("link", name="Resources").click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/resources/"))
    assert asked == ["beforeunload"]  # not asked again: nothing was left unsaved
    context.close()


def test_comment_times_read_the_uk_way_in_a_us_browser(site, browser, people):
    workstream = site.content["workstreams"][3]
    editor = people["editor"]
    comment = Comment.objects.create(
        page=workstream, user=editor, text="Is this the NHS wording?", contentpath="summary"
    )
    Comment.objects.filter(pk=comment.pk).update(
        created_at=datetime.datetime(2026, 12, 25, 14, 30, tzinfo=datetime.UTC)
    )
    context = browser.new_context(locale="en-US", timezone_id="Europe/London")
    page = context.new_page()
    page.goto(site.url("/admin/login/"))
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(site.url(f"/admin/pages/{workstream.pk}/edit/"))
    page.get_by_role("button", name=re.compile("comments", re.I)).first.click()
    when = page.locator(".comment-header__date").first
    expect(when).to_have_text("25 Dec 2026, 14:30")
    context.close()
