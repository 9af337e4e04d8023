"""components/picture.html: AVIF and WebP renditions in <picture>, sized, lazy, with alt text."""

import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as settings_module
from django.core.files.images import ImageFile
from django.template import loader
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from images.models import PICTURE_FILTERS

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


def test_a_large_photo_s_sizes_are_made_when_it_is_saved_not_on_a_visitor_s_view(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    """A 3000 × 2000 photo: its AVIF and WebP sizes exist once it is saved, so its first view
    makes none (and no visitor waits while it is resized)."""
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (3000, 2000), (29, 63, 115)).save(buffer, "JPEG")
    image = get_image_model()(
        title="A large photo", alt_text="A cot", file=ImageFile(buffer, name="big.jpg")
    )
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(Filter.expand_spec(PICTURE_FILTERS))
    assert len(made) == 6

    render(image=image)
    assert image.renditions.count() == 6  # the view made nothing new


def test_the_template_shows_the_sizes_made_on_saving():
    template = (settings_module.BASE_DIR / "templates" / "components" / "picture.html").read_text()
    assert template.count(f"{{% picture image {PICTURE_FILTERS} ") == 2
