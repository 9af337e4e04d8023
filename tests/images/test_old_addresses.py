"""The images' admin addresses that named the core's app label before images had an app of their
own: only the bulk actions' (/admin/bulk/<app label>/<model>/<action>/). A bookmark or a
confirmation page opened before the upgrade still gets there."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

OLD = "/admin/bulk/protecting_babies/siteimage/{}/"


@pytest.fixture
def image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#1d70b8").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Spare cot", alt_text="A cot", file=ImageFile(buffer, name="cot.png")
    )


def test_the_old_bulk_address_goes_to_todays_with_its_query_string(admin_client, image):
    query = f"?id={image.pk}&next=/admin/images/"
    response = admin_client.get(OLD.format("delete") + query)
    assert response.status_code == 307
    new = reverse("wagtail_bulk_action", args=["images", "siteimage", "delete"])
    assert response["Location"] == new + query
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    assert "Spare cot" in page.content.decode()


def test_a_confirmation_from_the_old_address_still_deletes(admin_client, image):
    query = f"?id={image.pk}&next=/admin/images/"
    response = admin_client.post(OLD.format("delete") + query, follow=True)
    assert response.redirect_chain[-1] == ("/admin/images/", 302)
    assert response.status_code == 200
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_an_unknown_action_at_the_old_address_is_not_found(admin_client, image):
    response = admin_client.get(OLD.format("shred") + f"?id={image.pk}", follow=True)
    assert response.status_code == 404
