"""Images in a real browser: a body image is a lazy <picture> with its alt text, caption and
credit, and the page stays axe-clean; in the admin, an upload says "Upload successful" only
once the image is saved, with one alt-text message, and the chooser keeps the chosen file."""

import io
import json
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from playwright.sync_api import expect
from wagtail.images import get_image_model

from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.browser import sign_in
from tests.support.public_content import run_axe
from tests.support.users import make_editor

ALT_MESSAGE = "Describe the image for people who cannot see it"
ALT = "A baby asleep on its back, feet to the foot of the cot"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes(width=1600, height=900):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (29, 63, 115)).save(buffer, "PNG")
    return buffer.getvalue()


def serve_media(context, media):
    """Answer /media/ from the test's media folder (the site serves no media when DEBUG is off:
    in production they come from S3)."""

    def fulfil(route):
        path = media / route.request.url.split("/media/", 1)[1].split("?")[0]
        if path.is_file():
            route.fulfill(status=200, body=path.read_bytes())
        else:
            route.fulfill(status=404)

    context.route(re.compile(r".*/media/.*"), fulfil)


@pytest.fixture
def editor(site):
    setup_editorial_workflow()  # the live server's flush removed the roles
    return make_editor()


def test_a_body_image_renders_with_its_alt_text_and_the_page_is_axe_clean(site, browser, media):
    image = get_image_model().objects.create(
        title="Cot", file=ImageFile(io.BytesIO(png_bytes()), name="cot.png"), alt_text=ALT
    )
    workstream = site.content["workstreams"][3]
    raw = list(workstream.body.raw_data)
    value = {
        "image": image.pk,
        "alt_text": "",  # the image's own is used
        "decorative": False,
        "caption": "Feet to foot: the baby's feet touch the end of the cot.",
        "credit": "Photo: NHS",
    }
    raw.insert(1, {"type": "image", "value": value})
    workstream.body = json.dumps(raw)
    workstream.save_revision().publish()

    # axe is injected as a script; the site's Content-Security-Policy would rightly refuse it.
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    serve_media(context, media)
    page = context.new_page()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site.url(workstream.url))
        page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
        img = page.get_by_role("img", name=ALT)
        expect(img).to_have_attribute("loading", "lazy")
        img.scroll_into_view_if_needed()
        loaded = "alt => [...document.images].some(i => i.alt === alt && i.naturalWidth > 0)"
        page.wait_for_function(loaded, arg=ALT)
        # Chromium takes the AVIF source; the image is the column's width, never wider.
        assert img.evaluate("i => i.currentSrc").split("?")[0].endswith(".avif")
        box, column = img.bounding_box(), page.locator("main").bounding_box()
        assert box["width"] <= min(640, column["width"]) + 1
        figure = page.locator("figure.app-figure")
        expect(figure.locator("figcaption")).to_contain_text("Feet to foot")
        expect(figure.locator(".app-figure__credit")).to_have_text("Photo: NHS")
        violations = run_axe(page)
        assert violations == [], f"at {width}px:\n" + "\n".join(violations)
    context.close()


def test_an_upload_says_saved_only_once_it_is_and_asks_for_alt_text_once(
    site, browser, editor, media
):
    context, page = sign_in(browser, site, editor)
    page.goto(site.url("/admin/images/multiple/add/"))
    page.set_input_files(
        "#fileupload", files=[{"name": "cot.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    item = page.locator("#upload-list > li")
    expect(item.locator("form")).to_be_visible()
    expect(item).to_contain_text("Not saved yet.")
    expect(item).not_to_contain_text("Upload successful", use_inner_text=True)
    expect(item).not_to_contain_text("image description", use_inner_text=True)
    expect(item.get_by_text(ALT_MESSAGE)).to_have_count(1)
    assert get_image_model().objects.count() == 0

    # Still without alt text. The form is replaced when the answer comes: wait for it, or the
    # alt text below would be typed into the form about to go.
    with page.expect_response(
        lambda response: (
            "/admin/images/multiple/" in response.url and response.request.method == "POST"
        )
    ):
        item.get_by_role("button", name="Save image").click()
    expect(item.locator("form")).to_be_visible()
    expect(item.get_by_text(ALT_MESSAGE)).to_have_count(1)
    assert get_image_model().objects.count() == 0

    item.get_by_label("Alt text").fill(ALT)
    item.get_by_role("button", name="Save image").click()
    expect(page.locator(".messages")).to_contain_text("Image saved.", timeout=15_000)
    expect(item).to_have_count(0)
    assert get_image_model().objects.get().alt_text == ALT
    context.close()


def test_the_chooser_asks_for_alt_text_once_and_keeps_the_chosen_file(site, browser, editor, media):
    workstream = site.content["workstreams"][3]
    context, page = sign_in(browser, site, editor)
    page.goto(site.url(f"/admin/pages/{workstream.pk}/edit/"))
    page.locator("[data-contentpath=body] button[title='Insert a block']").last.click()
    page.get_by_role("option", name="Image").click()
    page.get_by_role("button", name="Choose an image").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(
        files=[{"name": "cot.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    title = modal.get_by_label("Title")
    expect(title).to_have_value("cot")  # filled in from the file's name
    upload = modal.get_by_role("button", name="Upload")
    upload.click()
    expect(modal.get_by_text(ALT_MESSAGE)).to_have_count(1)
    expect(modal).to_contain_text("“cot.png” is uploaded: you do not need to choose it again")
    expect(modal).not_to_contain_text("Upload successful", use_inner_text=True)
    assert get_image_model().objects.count() == 0

    modal.get_by_label("Alt text").fill(ALT)
    upload.click()  # the file is not chosen again
    expect(modal).to_have_count(0)
    image = get_image_model().objects.get()
    assert image.alt_text == ALT

    page.locator("footer button[type=submit]").first.click()  # save a draft
    expect(page.locator(".messages")).to_contain_text("has been updated")
    draft = WorkstreamPage.objects.get(pk=workstream.pk).get_latest_revision_as_object()
    assert [block.value["image"] for block in draft.body if block.block_type == "image"] == [image]
    context.close()
