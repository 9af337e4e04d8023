"""Media on S3-compatible storage: real uploads through Wagtail's admin to a local S3 server,
with the storages the settings build (protecting_babies/settings/storage.py).

Documents and images as uploaded are in a private bucket that refuses anyone without the site's
credentials; documents reach people only through /documents/ and its permission checks. The
image sizes pages show are in a public bucket. The server is moto's server mode (from PyPI),
started by the test as a subprocess on a free localhost port: every read and write below is
real HTTP to it, not a mock object.
"""

import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from protecting_babies.settings.storage import s3_media_storages
from tests.support.stack import BUCKET, PUBLIC_BUCKET, MotoS3, free_port

# Starts servers of its own: not in `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    server = MotoS3(tmp_path_factory.mktemp("moto")).start()
    yield server
    server.stop()


@pytest.fixture
def s3_media(s3, settings, monkeypatch):
    """The storages production builds from its AWS_* variables, on the local S3 server."""
    monkeypatch.setenv("AWS_S3_REGION_NAME", "us-east-1")
    settings.AWS_ACCESS_KEY_ID = settings.AWS_SECRET_ACCESS_KEY = "testing"
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_media_storages(BUCKET, PUBLIC_BUCKET, endpoint_url=s3.endpoint),
    }
    settings.WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    # Django resolves a file field's storage once, when the models load (as production does
    # after reading the settings above): give the renditions' field the public storage here.
    rendition_file = get_image_model().get_rendition_model()._meta.get_field("file")
    monkeypatch.setattr(rendition_file, "storage", storages["renditions"])
    return s3


def png_bytes(size=(640, 480)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 112, 184)).save(buffer, "PNG")
    return buffer.getvalue()


def fetch(url):
    """An anonymous GET, as anyone on the internet could make it: (status, type, body)."""
    assert url.startswith("http://127.0.0.1:"), url  # only ever the local S3 server
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def anonymous_reads(s3, name):
    """The status of an anonymous GET of the plain object address, in each bucket that holds
    `name` (a file name as the storage gives it, under the `media` folder)."""
    return {
        bucket: fetch(f"{s3.endpoint}/{bucket}/media/{name}")[0]
        for bucket in (BUCKET, PUBLIC_BUCKET)
        if f"media/{name}" in s3.object_keys(bucket)
    }


def upload_document(admin_client, title, content, collection):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile("safer-sleep.txt", content, content_type="text/plain"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title=title)


def test_an_image_uploaded_in_the_admin_is_private_and_its_sizes_public(admin_client, s3_media):
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
    # The upload itself is in the private bucket only: nobody can fetch it from there.
    assert anonymous_reads(s3_media, image.file.name) == {BUCKET: 403}

    # The size a page shows is made from it, kept in the public bucket, and anyone can fetch it.
    rendition = image.get_rendition("width-320|format-webp")
    assert anonymous_reads(s3_media, rendition.file.name) == {PUBLIC_BUCKET: 200}
    assert rendition.url == f"{s3_media.endpoint}/{PUBLIC_BUCKET}/media/{rendition.file.name}"
    status, _content_type, body = fetch(rendition.url)
    assert status == 200
    assert Image.open(io.BytesIO(body)).size == (320, 240)

    # The admin shows the image from the public bucket too.
    page = admin_client.get(f"/admin/images/{image.pk}/")
    sources = [img["src"] for img in BeautifulSoup(page.content, "html.parser").select("img")]
    assert any(src.startswith(f"{s3_media.endpoint}/{PUBLIC_BUCKET}/") for src in sources)


def test_a_document_is_never_readable_straight_from_a_bucket(admin_client, client, s3_media):
    content = b"Safer sleep: always put your baby on their back to sleep.\n"
    document = upload_document(
        admin_client, "Safer sleep leaflet", content, Collection.get_first_root_node()
    )
    # Its guessable address in the bucket is refused to anyone without the site's keys.
    assert anonymous_reads(s3_media, document.file.name) == {BUCKET: 403}

    # Through the site it downloads, as every document does.
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment")


def test_a_document_in_a_private_collection_needs_signing_in(admin_client, s3_media):
    collection = Collection.get_first_root_node().add_child(name="Team only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    content = b"Staff briefing: not for the public.\n"
    document = upload_document(admin_client, "Staff briefing", content, collection)
    assert anonymous_reads(s3_media, document.file.name) == {BUCKET: 403}

    anonymous = Client().get(document.url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/_util/login/")
    assert b"Staff briefing" not in anonymous.content

    team = Client()
    team.force_login(get_user_model().objects.get(username="admin"))
    download = team.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "no-store" in download["Cache-Control"]


def test_the_private_buckets_addresses_are_signed_and_short_lived(s3_media):
    """Only the admin ever makes one (a link to an image as uploaded); it expires."""
    default_storage.save("documents/probe.txt", io.BytesIO(b"probe"))
    url = default_storage.url("documents/probe.txt")
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=300" in url
    assert fetch(url)[0] == 200


def settings_with(environment):
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps([settings.STORAGES['default'], settings.STORAGES.get('renditions'), "
        "getattr(settings, 'WAGTAILIMAGES_RENDITION_STORAGE', None)]))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(DJANGO_SETTINGS_MODULE="protecting_babies.settings.base", **environment)
    run = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    return subprocess.run(run, env=env, capture_output=True, text=True)  # noqa: S603


def test_settings_switch_to_two_buckets_when_a_bucket_is_set():
    """The environment variables docs/deployment.md documents really select S3 storage."""
    endpoint = f"http://127.0.0.1:{free_port()}"
    result = settings_with(
        {
            "AWS_STORAGE_BUCKET_NAME": "media-private",
            "AWS_PUBLIC_BUCKET_NAME": "media-public",
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
        }
    )
    assert result.returncode == 0, result.stderr
    default, renditions, rendition_storage = json.loads(result.stdout)
    assert default["BACKEND"] == renditions["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "media-private"
    assert default["OPTIONS"]["querystring_auth"] is True
    assert default["OPTIONS"]["endpoint_url"] == endpoint
    assert default["OPTIONS"].get("custom_domain") is None  # never the public CDN
    assert renditions["OPTIONS"]["bucket_name"] == "media-public"
    assert renditions["OPTIONS"]["querystring_auth"] is False
    assert renditions["OPTIONS"]["custom_domain"] == "media.example.org"
    assert rendition_storage == "renditions"

    local = settings_with({})
    default, renditions, rendition_storage = json.loads(local.stdout)
    assert default["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert renditions is None and rendition_storage is None


@pytest.mark.parametrize("public", [None, "media-private"])
def test_one_bucket_for_everything_is_refused_at_start(public):
    environment = {"AWS_STORAGE_BUCKET_NAME": "media-private"}
    if public:
        environment["AWS_PUBLIC_BUCKET_NAME"] = public
    result = settings_with(environment)
    assert result.returncode != 0
    assert "Media on S3 needs two buckets" in result.stderr
