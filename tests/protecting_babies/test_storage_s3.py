"""Media on S3-compatible storage: a real upload through Wagtail's admin to a local S3 server.

The server is moto's server mode (from PyPI), started by the test as a subprocess on a free
localhost port: every read and write below is real HTTP to it, not a mock object.
"""

import io
import os
import subprocess
import sys
import urllib.request

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.support.stack import BUCKET, MotoS3, free_port

# Starts servers of its own: not in `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    server = MotoS3(tmp_path_factory.mktemp("moto")).start()
    yield server
    server.stop()


@pytest.fixture
def s3_media(s3, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3.endpoint,
                "access_key": "testing",
                "secret_key": "testing",
                "region_name": "us-east-1",
                "location": "media",
                "querystring_auth": False,
                "default_acl": None,
                "file_overwrite": False,
                "addressing_style": "path",
            },
        },
    }
    return s3


def png_bytes(size=(640, 480)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 112, 184)).save(buffer, "PNG")
    return buffer.getvalue()


def fetch(url):
    assert url.startswith("http://127.0.0.1:"), url  # only ever the local S3 server
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.status, response.headers["Content-Type"], response.read()


def test_an_image_uploaded_in_the_admin_is_stored_and_served_from_s3(admin_client, s3_media):

    original = png_bytes()
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Safer sleep cot",
            "file": SimpleUploadedFile("cot.png", original, content_type="image/png"),
            "alt_text": "A baby asleep on its back in a cot",
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Safer sleep cot")
    assert default_storage.__class__.__name__ == "S3Storage"
    assert f"media/{image.file.name}" in s3_media.object_keys()

    # The original and a rendition both come back over HTTP from the S3 server.
    status, content_type, body = fetch(image.file.url)
    assert (status, content_type, body) == (200, "image/png", original)
    rendition = image.get_rendition("width-320|format-webp")
    assert f"media/{rendition.file.name}" in s3_media.object_keys()
    status, content_type, body = fetch(rendition.url)
    assert status == 200
    assert Image.open(io.BytesIO(body)).size == (320, 240)

    # The admin shows the image from S3 too.
    page = admin_client.get(f"/admin/images/{image.pk}/")
    sources = [img["src"] for img in BeautifulSoup(page.content, "html.parser").select("img")]
    assert any(src.startswith(s3_media.endpoint) for src in sources)


def test_a_document_uploaded_in_the_admin_is_downloaded_from_s3(admin_client, client, s3_media):

    content = b"Safer sleep: always put your baby on their back to sleep.\n"
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Safer sleep leaflet",
            "file": SimpleUploadedFile("safer-sleep.txt", content, content_type="text/plain"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Safer sleep leaflet")
    assert f"media/{document.file.name}" in s3_media.object_keys()

    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment")


def test_settings_switch_to_s3_when_a_bucket_is_set():
    """The environment variables the README documents really select S3 storage."""
    code = (
        "from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'], settings.AWS_S3_ENDPOINT_URL, "
        "settings.AWS_QUERYSTRING_AUTH)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "protecting_babies.settings.base",
        "AWS_STORAGE_BUCKET_NAME": "media-bucket",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}",
    }
    run = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    output = subprocess.run(run, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    backend, endpoint, signed = output.stdout.split()
    assert backend == "storages.backends.s3.S3Storage"
    assert endpoint == env["AWS_S3_ENDPOINT_URL"]
    assert signed == "False"
    env.pop("AWS_STORAGE_BUCKET_NAME")
    output = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert output.stdout.strip() == "django.core.files.storage.FileSystemStorage"
