"""In the real admin: an Editor cannot delete or change an image a live page shows (they meet
the page saying who can), and a lead is told where it is used before deleting it."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect
from wagtail.images import get_image_model

from editorial.roles import setup_editorial_workflow
from strategy.models import WorkstreamPage
from tests.support.browser import sign_in
from tests.support.users import make_editor, make_lead

ALT = "A baby asleep on its back in a cot"


@pytest.fixture
def live_image(site, settings, tmp_path):
    """An image the editor uploaded, shown on the live "Safer sleeping" page."""
    settings.MEDIA_ROOT = tmp_path
    setup_editorial_workflow()
    editor, lead = make_editor(), make_lead()
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (29, 63, 115)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Cot",
        alt_text=ALT,
        file=ContentFile(buffer.getvalue(), "cot.png"),
        uploaded_by_user=editor,
    )
    page = WorkstreamPage.objects.get(pk=site.content["workstreams"][3].pk)
    page.body = [{"type": "image", "value": {"image": image.pk, "alt_text": ""}}]
    page.save_revision().publish()
    return {"image": image, "page": page, "editor": editor, "lead": lead}


def public_alt_texts(browser, site, page):
    visitor = browser.new_page()
    visitor.goto(site.url(page.url))
    alts = visitor.locator("main img").evaluate_all("images => images.map(i => i.alt)")
    visitor.close()
    return alts


def test_an_editor_cannot_delete_or_change_an_image_a_live_page_shows(site, browser, live_image):
    image = live_image["image"]
    context, page = sign_in(browser, site, live_image["editor"])
    for address, says in (
        (f"/admin/images/{image.pk}/", "change or delete an image or document that is on"),
        (f"/admin/images/{image.pk}/delete/", "delete an image or document that is in use"),
    ):
        response = page.goto(site.url(address))
        assert response.status == 403
        expect(page.get_by_role("heading", level=1)).to_contain_text("You cannot do this")
        expect(page.get_by_role("alert")).to_contain_text(f"Only safeguarding leads can {says}")
        expect(page.locator("#main")).to_contain_text("The safeguarding leads are: Leah.")
    context.close()
    assert get_image_model().objects.get(pk=image.pk).alt_text == ALT
    assert public_alt_texts(browser, site, live_image["page"]) == [ALT]


def test_a_lead_is_told_where_an_image_is_used_before_deleting_it(site, browser, live_image):
    image = live_image["image"]
    context, page = sign_in(browser, site, live_image["lead"])
    page.goto(site.url(f"/admin/images/{image.pk}/delete/"))
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("This image is in use")
    expect(warning.get_by_role("link", name="Safer sleeping")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("referenced 1 time"))).to_be_visible()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator(".messages")).to_contain_text("Image 'Cot' deleted")
    context.close()
    assert not get_image_model().objects.filter(pk=image.pk).exists()
