"""components/picture.html: AVIF and WebP renditions in <picture>, sized, lazy, with alt text."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.template import loader
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (29, 63, 115)).save(buffer, "JPEG")
    image = get_image_model()(
        title="A parent holding a sleeping baby",
        file=ImageFile(buffer, name="baby.jpg"),
    )
    if hasattr(image, "description"):
        image.description = "A parent holds a sleeping baby on their shoulder"
    image.save()
    return image


def render(**context):
    html = loader.get_template("components/picture.html").render(context)
    return BeautifulSoup(html, "html.parser")


def test_picture_offers_avif_then_webp_at_several_widths(photo):
    soup = render(image=photo)
    picture = soup.select_one("figure.app-figure picture")
    source = picture.select_one("source")
    assert source["type"] == "image/avif"
    assert [c.split()[-1] for c in source["srcset"].split(", ")] == ["480w", "800w", "1200w"]
    img = picture.select_one("img")
    assert ".webp" in img["src"] and ".webp" in img["srcset"]
    assert ".avif" in source["srcset"]
    assert img["width"] == "480" and img["height"] == "270"
    assert img["sizes"] == source["sizes"] == "(min-width: 1020px) 640px, 100vw"


def test_picture_is_lazy_below_the_fold_and_eager_above_it(photo):
    assert render(image=photo).img["loading"] == "lazy"
    assert render(image=photo, eager=True).img["loading"] == "eager"


def test_alt_text_comes_from_the_image(photo):
    expected = getattr(photo, "alt_text", "") or getattr(photo, "description", "") or photo.title
    assert render(image=photo).img["alt"] == expected


def test_decorative_image_is_hidden_from_assistive_technology(photo):
    assert render(image=photo, decorative=True).img["alt"] == ""


def test_caption_and_custom_sizes(photo):
    soup = render(image=photo, caption="Safer sleeping: on the back", sizes="50vw")
    assert soup.figcaption.get_text() == "Safer sleeping: on the back"
    assert soup.img["sizes"] == "50vw"


def test_no_image_renders_nothing():
    assert render(image=None).get_text(strip=True) == ""
