"""Uploading an image in the admin: "Upload successful" only once the image is saved, one
alt-text message next to its field, and the chooser keeps the file while alt text is missing."""

import io
from pathlib import Path

import pytest
import wagtail
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from images import admin_views
from tests.support.users import make_editor

pytestmark = pytest.mark.django_db

ALT_MESSAGE = "Describe the image for people who cannot see it"
WAGTAIL_DESCRIPTION_WARNING = "Please provide an image description"
UPLOAD_SUCCESSFUL = "Upload successful"
NOT_SAVED_YET = "Not saved yet."
CHOOSER = "image-chooser-upload"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(client, site):
    user = make_editor()
    client.force_login(user)
    return user


def png(name="cot.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#1d70b8").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def text(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def upload_page(client):
    """The "Add images" page, and the list item its script copies for each upload."""
    response = client.get(reverse("wagtailimages:add_multiple"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, soup.select_one("template#upload-list-item")


def test_the_upload_addresses_are_answered_by_the_sites_views():
    assert resolve(reverse("wagtailimages:add_multiple")).func.view_class is (
        admin_views.AddImagesView
    )
    assert resolve(reverse("wagtailimages:edit_multiple", args=[1])).func.view_class is (
        admin_views.EditUploadedImageView
    )
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[1])
    assert resolve(url).func.view_class is admin_views.CreateFromUploadedImageView
    assert resolve(reverse("wagtailimages_chooser:create")).func.view_class is (
        admin_views.ChooserUploadView
    )


def test_the_upload_page_claims_no_success_before_an_image_is_saved(client, editor):
    _page, item = upload_page(client)
    item_text = text(item.decode_contents())
    assert WAGTAIL_DESCRIPTION_WARNING not in item_text
    assert UPLOAD_SUCCESSFUL not in text(str(item.select_one(".status-msg.success") or ""))
    assert "Image saved." in item_text


def test_an_upload_without_alt_text_is_not_saved_and_says_so_with_one_message(client, editor):
    response = client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": png(), "title": "cot"}
    )
    data = response.json()
    assert get_image_model().objects.count() == 0
    assert UploadedFile.objects.count() == 1
    form = BeautifulSoup(data["form"], "html.parser")
    words = text(data["form"])
    assert NOT_SAVED_YET in words
    assert UPLOAD_SUCCESSFUL not in words
    assert WAGTAIL_DESCRIPTION_WARNING not in words
    assert words.count(ALT_MESSAGE) == 1
    alt_field = form.find(
        "input", attrs={"name": f"uploaded-image-{data['uploaded_file_id']}-alt_text"}
    )
    field = alt_field.find_parent(attrs={"data-field": True})
    assert ALT_MESSAGE in text(str(field.select_one("[data-field-errors]")))
    # The title the page sent (without ".png"), not the file's name.
    title = form.find("input", attrs={"name": f"uploaded-image-{data['uploaded_file_id']}-title"})
    assert title["value"] == "cot"
    assert text(str(form.find("button", type="submit"))) == "Save image"


def test_saving_the_form_without_alt_text_shows_the_one_message_again(client, editor):
    data = client.post(reverse("wagtailimages:add_multiple"), {"files[]": png()}).json()
    upload_id = data["uploaded_file_id"]
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    response = client.post(url, {f"uploaded-image-{upload_id}-title": "Cot"}).json()
    assert response["success"] is False
    words = text(response["form"])
    assert words.count(ALT_MESSAGE) == 1
    assert NOT_SAVED_YET in words and UPLOAD_SUCCESSFUL not in words
    assert get_image_model().objects.count() == 0


def test_with_alt_text_the_upload_becomes_an_image(client, editor):
    data = client.post(reverse("wagtailimages:add_multiple"), {"files[]": png()}).json()
    upload_id = data["uploaded_file_id"]
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    prefix = f"uploaded-image-{upload_id}"
    response = client.post(
        url, {f"{prefix}-title": "Cot", f"{prefix}-alt_text": "A baby asleep in a cot"}
    ).json()
    assert response["success"] is True
    image = get_image_model().objects.get()
    assert (image.pk, image.alt_text, image.width) == (
        response["image_id"],
        "A baby asleep in a cot",
        40,
    )
    assert UploadedFile.objects.count() == 0


def test_a_saved_images_form_says_upload_successful(client, editor):
    image = get_image_model().objects.create(title="Cot", file=png(), alt_text="A cot")
    url = reverse("wagtailimages:edit_multiple", args=[image.pk])
    response = client.post(
        url, {f"image-{image.pk}-title": "Cot", f"image-{image.pk}-alt_text": ""}
    )
    words = text(response.json()["form"])
    assert UPLOAD_SUCCESSFUL in words and NOT_SAVED_YET not in words
    assert words.count(ALT_MESSAGE) == 1


def chooser_upload(client, **fields):
    data = {f"{CHOOSER}-{name}": value for name, value in fields.items() if name != "kept_file"}
    if "kept_file" in fields:
        data["kept_file"] = fields["kept_file"]
    return client.post(reverse("wagtailimages_chooser:create"), data).json()


def test_the_chooser_refuses_an_image_without_alt_text_with_one_message(client, editor):
    data = chooser_upload(client, title="Cot", file=png())
    assert data["step"] == "reshow_creation_form"
    words = text(data["htmlFragment"])
    assert words.count(ALT_MESSAGE) == 1
    assert UPLOAD_SUCCESSFUL not in words
    assert get_image_model().objects.count() == 0


def test_the_chooser_keeps_the_file_so_it_need_not_be_chosen_again(client, editor):
    data = chooser_upload(client, title="Cot", file=png())
    form = BeautifulSoup(data["htmlFragment"], "html.parser")
    kept = form.find("input", attrs={"name": "kept_file"})
    file_input = form.find("input", attrs={"name": f"{CHOOSER}-file"})
    assert not file_input.has_attr("required")  # the browser would not send the form
    assert "“cot.png” is uploaded: you do not need to choose it again" in text(str(form))

    data = chooser_upload(client, title="Cot", alt_text="A baby in a cot", kept_file=kept["value"])
    assert data["step"] == "chosen", text(data.get("htmlFragment", ""))
    image = get_image_model().objects.get()
    assert (image.alt_text, image.width, image.height) == ("A baby in a cot", 40, 30)
    assert image.file.name.endswith(".png")
    assert UploadedFile.objects.count() == 0


def test_the_chooser_uses_a_newly_chosen_file_instead_of_the_kept_one(client, editor):
    data = chooser_upload(client, title="Cot", file=png())
    kept = BeautifulSoup(data["htmlFragment"], "html.parser").find(
        "input", attrs={"name": "kept_file"}
    )
    data = chooser_upload(
        client, title="Cot", file=png("other.png"), is_decorative="on", kept_file=kept["value"]
    )
    assert data["step"] == "chosen"
    assert "other" in get_image_model().objects.get().file.name
    assert UploadedFile.objects.count() == 0


def test_a_kept_file_is_only_its_uploaders(client, editor):
    chooser_upload(client, title="Cot", file=png())
    kept = UploadedFile.objects.get()
    client.force_login(make_editor("eddie"))
    data = chooser_upload(client, title="Cot", alt_text="A cot", kept_file=str(kept.pk))
    assert data["step"] == "reshow_creation_form"
    assert "This field is required" in text(data["htmlFragment"])
    assert get_image_model().objects.count() == 0


WAGTAIL_TEMPLATES = Path(wagtail.__file__).parent
OURS = Path(settings.BASE_DIR) / "images" / "templates" / "images" / "admin"


def lines(path):
    return [line.rstrip() for line in path.read_text(encoding="utf-8").splitlines()]


def without_comment(text_lines):
    """The template's lines without its leading {% comment %} block."""
    joined = "\n".join(text_lines)
    start, end = joined.find("{% comment %}"), joined.find("{% endcomment %}")
    if start == -1:
        return text_lines
    return (joined[:start] + joined[end + len("{% endcomment %}") :]).splitlines()


def test_the_upload_page_is_wagtails_less_the_two_messages():
    """A Wagtail upgrade that changes its page shows here: copy the change across."""
    theirs = lines(WAGTAIL_TEMPLATES / "images/templates/wagtailimages/multiple/add.html")
    ours = without_comment(lines(OURS / "upload_images.html"))
    removed = [line for line in theirs if line not in ours]
    added = [line for line in ours if line not in theirs and line.strip()]
    assert [line.strip()[:37] for line in removed] == [
        '<p class="error-message">{% trans "Pl',
        '<p class="status-msg success">{% tran',
        '<p class="status-msg update-success">',
    ]
    assert [line.strip() for line in added] == [
        '<p class="status-msg update-success">Image saved.</p>'
    ]


def test_the_chooser_upload_form_is_wagtails_with_the_kept_file():
    theirs = lines(
        WAGTAIL_TEMPLATES / "admin/templates/wagtailadmin/generic/chooser/creation_form.html"
    )
    ours = without_comment(lines(OURS / "chooser_upload_form.html"))
    assert [line for line in theirs if line not in ours] == []
    added = [line.strip() for line in ours if line not in theirs and line.strip()]
    assert len(added) == 1 and 'name="{{ kept_file_field }}"' in added[0]
