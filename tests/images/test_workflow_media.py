"""Images need alt text unless decorative; document links give their type and size."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from images.templatetags.document_tags import describe_size
from tests.support.users import make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name="cot.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#1d70b8").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload(client, **fields):
    data = {"title": "A cot", "file": png(), **fields}
    return client.post(reverse("wagtailimages:add"), data)


def test_image_without_alt_text_is_refused_with_a_clear_message(client, site):
    client.force_login(make_editor())
    response = upload(client)
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "Describe the image for people who cannot see it" in errors
    assert get_image_model().objects.count() == 0


def test_blank_alt_text_is_refused(client, site):
    client.force_login(make_editor())
    upload(client, alt_text="   ")
    assert get_image_model().objects.count() == 0


def test_image_with_alt_text_or_marked_decorative_is_saved(client, site):
    client.force_login(make_editor())
    assert upload(client, alt_text="A baby asleep on its back in a cot").status_code == 302
    assert upload(client, title="Border", is_decorative="on").status_code == 302
    images = {image.title: image for image in get_image_model().objects.all()}
    assert images["A cot"].alt_text == "A baby asleep on its back in a cot"
    assert images["Border"].is_decorative


def test_rendered_images_use_the_alt_text_or_an_empty_alt(site):
    Image = get_image_model()
    described = Image.objects.create(
        title="Cot", file=png(), alt_text="A baby asleep on its back in a cot"
    )
    decorative = Image.objects.create(title="Border", file=png("b.png"), is_decorative=True)
    template = Template("{% load wagtailimages_tags %}{% image img width-20 %}")
    html = template.render(Context({"img": described}))
    assert BeautifulSoup(html, "html.parser").img["alt"] == "A baby asleep on its back in a cot"
    html = template.render(Context({"img": decorative}))
    assert BeautifulSoup(html, "html.parser").img["alt"] == ""
    # Templates and Wagtail's renditions ask `image.decorative`: it follows the image's own flag.
    decorative = Image.objects.get(pk=decorative.pk)
    assert decorative.decorative
    assert not Image.objects.get(pk=described.pk).decorative


def test_the_image_form_explains_alt_text_to_editors(client, site):
    client.force_login(make_editor())
    page = BeautifulSoup(client.get(reverse("wagtailimages:add")).content, "html.parser")
    assert page.find("input", attrs={"name": "alt_text"}) is not None
    assert page.find("input", attrs={"name": "is_decorative"}) is not None
    assert "Required unless the image is decorative" in page.get_text()


@pytest.mark.parametrize(
    ("size", "label"),
    [(820, "820 bytes"), (245_760, "240 KB"), (1_572_864, "1.5 MB"), (2_097_152, "2 MB")],
)
def test_sizes_read_as_people_say_them(size, label):
    assert describe_size(size) == label


def test_document_links_show_type_and_size(client, site):
    document = get_document_model().objects.create(
        title="Protecting Babies strategy 2024",
        file=ContentFile(b"%PDF-1.4\n" + b"0" * (245_760 - 9), name="strategy.pdf"),
    )
    strategy = site.root_page.specific
    strategy.strategy_document = document
    strategy.save_revision().publish()
    html = BeautifulSoup(client.get(strategy.url).content, "html.parser")
    link = html.select_one(".app-document-link")
    assert link.a["href"] == document.url
    assert " ".join(link.get_text(" ").split()) == "Protecting Babies strategy 2024 (PDF, 240 KB)"


def test_bulk_upload_asks_for_alt_text_before_the_image_is_made(client, site):
    client.force_login(make_editor())
    response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": png()})
    data = response.json()
    assert data["success"]
    assert get_image_model().objects.count() == 0
    upload_id = data["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    assert f'name="{prefix}-alt_text"' in data["form"]

    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    response = client.post(url, {f"{prefix}-title": "Cot"})
    assert not response.json()["success"]
    assert "Describe the image for people who cannot see it" in response.json()["form"]
    assert get_image_model().objects.count() == 0

    response = client.post(url, {f"{prefix}-title": "Cot", f"{prefix}-alt_text": "An empty cot"})
    assert response.json()["success"]
    assert get_image_model().objects.get().alt_text == "An empty cot"
