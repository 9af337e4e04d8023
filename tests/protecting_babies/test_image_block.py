"""The image block in page bodies: <picture> with AVIF and WebP, the alt text for this place
(else the image's own, or empty when decorative), caption and credit, loaded lazily; and no
image without alt text unless it is decorative."""

import html
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import streamfield

from core.blocks import BodyBlock, ImageBlock
from parents.blocks import AdviceBodyBlock
from tests.support.factories import WorkstreamPageFactory, build_advice_page
from tests.support.html_validate import html_problems
from tests.support.users import make_editor, workstream_form_data

pytestmark = pytest.mark.django_db

NO_ALT_MESSAGE = "Say what the image shows for people who cannot see it, or tick 'Decorative'"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_image(width=1600, height=900, **fields):
    """A real SiteImage, from a PNG made here."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (29, 63, 115)).save(buffer, "PNG")
    fields.setdefault("title", "Cot")
    return get_image_model().objects.create(file=ImageFile(buffer, name="cot.png"), **fields)


def image_block(image, **value):
    return {
        "type": "image",
        "value": {
            "image": image.pk,
            "alt_text": "",
            "decorative": False,
            "caption": "",
            "credit": "",
            **value,
        },
    }


def publish_with(page, *blocks):
    page.body = json.dumps([*page.body.raw_data, *blocks])
    page.save_revision().publish()
    return page


def figures(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select("main figure.app-figure")


def test_both_bodies_offer_the_image_block():
    assert isinstance(BodyBlock().child_blocks["image"], ImageBlock)
    assert isinstance(AdviceBodyBlock().child_blocks["image"], ImageBlock)


def test_a_workstream_image_is_a_lazy_picture_with_its_alt_text_caption_and_credit(client, site):
    image = make_image(alt_text="A baby asleep on its back in a cot")
    workstream = publish_with(
        WorkstreamPageFactory(parent=site.root_page),
        image_block(
            image,
            alt_text="A baby asleep on its back, feet to the foot of the cot",
            caption="Feet to foot: the baby's feet touch the end of the cot.",
            credit="Photo: NHS",
        ),
    )
    (figure,) = figures(client, workstream)
    sources = figure.select("picture source")
    assert [source["type"] for source in sources] == ["image/avif"]
    assert ".avif" in sources[0]["srcset"]
    img = figure.select_one("picture img")
    assert ".webp" in img["src"] and ".webp" in img["srcset"]
    assert img["alt"] == "A baby asleep on its back, feet to the foot of the cot"
    assert img["loading"] == "lazy"
    assert img["sizes"] == sources[0]["sizes"]
    assert img["sizes"].startswith("(min-width: 700px) 640px")
    caption = figure.figcaption
    assert caption.get_text(" ", strip=True) == (
        "Feet to foot: the baby's feet touch the end of the cot. Photo: NHS"
    )
    assert caption.select_one(".app-figure__credit").get_text() == "Photo: NHS"


def test_without_its_own_alt_text_the_block_uses_the_images(client, site):
    image = make_image(alt_text="A baby asleep on its back in a cot")
    advice = publish_with(build_advice_page(site), image_block(image))
    (figure,) = figures(client, advice)
    assert figure.img["alt"] == "A baby asleep on its back in a cot"
    assert figure.figcaption is None


def test_a_decorative_image_has_an_empty_alt(client, site):
    described = make_image(alt_text="A baby asleep on its back in a cot")
    decorative = make_image(title="Border", is_decorative=True)
    workstream = publish_with(
        WorkstreamPageFactory(parent=site.root_page),
        image_block(described, alt_text="Says what it shows", decorative=True),
        image_block(decorative),
    )
    ticked, marked = figures(client, workstream)
    assert ticked.img["alt"] == ""
    assert marked.img["alt"] == ""


def test_alt_text_given_here_describes_an_image_marked_decorative(client, site):
    image = make_image(title="Border", is_decorative=True)
    workstream = publish_with(
        WorkstreamPageFactory(parent=site.root_page),
        image_block(image, alt_text="A midwife & a mum"),
    )
    (figure,) = figures(client, workstream)
    assert figure.img["alt"] == "A midwife & a mum"


def test_an_image_narrower_than_the_column_is_not_stretched(client, site):
    image = make_image(width=400, height=300, alt_text="A small diagram")
    workstream = publish_with(WorkstreamPageFactory(parent=site.root_page), image_block(image))
    (figure,) = figures(client, workstream)
    assert "app-figure--narrow" in figure["class"]


def test_pages_with_images_are_valid_html(client, site, tmp_path):
    image = make_image(alt_text="A baby asleep on its back in a cot")
    small = make_image(width=400, height=300, title="Diagram", is_decorative=True)
    pages = {
        "workstream": publish_with(
            WorkstreamPageFactory(parent=site.root_page),
            image_block(image, caption="On the back", credit="Photo: NHS"),
            image_block(small),
        ),
        "advice": publish_with(build_advice_page(site), image_block(image, credit="NHS")),
    }
    rendered = {name: client.get(page.url).content for name, page in pages.items()}
    problems = html_problems(rendered, tmp_path)
    assert not problems, "\n".join(problems)


def test_more_images_cost_no_more_queries(client, site):
    """All a body's images come in one query; their renditions from the cache once made."""
    workstream = WorkstreamPageFactory(parent=site.root_page)

    def queries_after_adding(count):
        images = [make_image(alt_text=f"Photo {n}") for n in range(count)]
        publish_with(workstream, *[image_block(image) for image in images])
        client.get(workstream.url)  # the renditions are made once, on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(workstream.url).status_code == 200
        return len(queries)

    assert queries_after_adding(1) == queries_after_adding(4)  # one image, then five


def clean(value):
    block = ImageBlock()
    return block.clean(block.to_python(value))


def test_an_image_with_no_alt_text_anywhere_is_refused_next_to_the_alt_text_field():
    image = make_image()  # made in code: the admin's form would have asked for alt text
    with pytest.raises(StructBlockValidationError) as error:
        clean({"image": image.pk, "alt_text": "  "})
    assert list(error.value.block_errors) == ["alt_text"]
    assert NO_ALT_MESSAGE in str(error.value.block_errors["alt_text"])


@pytest.mark.parametrize(
    ("image_fields", "value"),
    [
        ({}, {"alt_text": "A baby asleep in a cot"}),
        ({}, {"decorative": True}),
        ({"alt_text": "A baby asleep in a cot"}, {}),
        ({"is_decorative": True}, {}),
    ],
)
def test_alt_text_here_or_on_the_image_or_decorative_is_enough(image_fields, value):
    image = make_image(**image_fields)
    assert clean({"image": image.pk, **value})["image"] == image


def test_the_editor_sees_the_message_and_the_page_is_not_saved(client, site):
    workstream = WorkstreamPageFactory(parent=site.root_page)
    revisions = workstream.revisions.count()
    image = make_image()
    client.force_login(make_editor())
    body = streamfield(
        [("image", {"image": image.pk, "alt_text": "", "caption": "", "credit": ""})]
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[workstream.pk]),
        workstream_form_data(workstream, body=body),
    )
    assert response.status_code == 200
    # The block's errors travel to the editor's form as data; the admin's script shows each
    # one next to its field. Exactly one, on the alt text.
    page = html.unescape(response.content.decode())
    assert page.count(NO_ALT_MESSAGE) == 1
    assert f'"alt_text": {{"messages": ["{NO_ALT_MESSAGE}.' in page
    assert workstream.revisions.count() == revisions
