"""The holes found by trying the site as an attacker would, each closed: a page cached under a
forged script prefix, live files changed without a lead, uploads that broke the worker, requests
without bounds, proxies miscounted, and pages that lacked the security headers."""

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core import checks, mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from images.uploads import validate_document_contents
from tests.support.users import make_editor, make_lead

ROOT = Path(django_settings.BASE_DIR)
LIVE_FILES_ARE_THE_LEADS = "Only safeguarding leads can change or delete an image or document"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# --- 1. The page cache and a script prefix ---------------------------------------------------


def test_a_page_rendered_under_a_script_prefix_is_never_cached(client, cached_site):
    poisoned = client.get("/", SCRIPT_NAME="//evil.example")
    assert poisoned.status_code == 200
    assert b"evil.example" in poisoned.content  # its links carry the prefix...
    assert "X-Page-Cache" not in poisoned  # ...so the cache never answers or keeps it
    honest = client.get("/")
    assert honest["X-Page-Cache"] == "miss"
    assert b"evil.example" not in honest.content
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert b"evil.example" not in client.get("/").content


def test_gunicorn_takes_no_forwarded_header_and_bounds_every_request():
    config = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)  # noqa: S102 (our own settings file)
    assert config["forwarder_headers"] == ""
    assert config["header_map"] == "refuse"
    assert config["limit_request_line"] == 8190  # gunicorn's largest: a long search still fits
    assert config["limit_request_fields"] == 100
    assert config["limit_request_field_size"] == 8190


def test_compose_names_its_proxy_and_counts_both_proxies():
    compose = (ROOT / "compose.yaml").read_text()
    assert 'FORWARDED_ALLOW_IPS: "*"' not in compose
    assert 'FORWARDED_ALLOW_IPS: "172.28.0.10"' in compose
    assert 'TRUSTED_PROXY_COUNT: "2"' in compose
    readme = (ROOT / "README.md").read_text()
    assert "-p 8000:8000" not in readme


# --- 4. Nothing live changes without a lead --------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def live_document(launch_content, media):
    """A document the live home page offers as the strategy document."""
    document = get_document_model().objects.create(
        title="Strategy", file=ContentFile(PDF, "strategy.pdf")
    )
    home = launch_content["strategy"]
    home.strategy_document = document
    home.save_revision().publish()
    return document


def edit_document(client, document, **changes):
    data = {"title": document.title, "collection": document.collection_id, **changes}
    return client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)


def test_an_editor_cannot_replace_the_file_behind_a_live_document(client, live_document):
    client.force_login(make_editor())
    replacement = SimpleUploadedFile("strategy.pdf", PDF + b"% changed")
    response = edit_document(client, live_document, file=replacement)
    assert response.status_code == 403
    assert LIVE_FILES_ARE_THE_LEADS in response.content.decode()
    live_document.refresh_from_db()
    assert live_document.file.read() == PDF
    # Nor its title, which the home page shows as the link's words.
    assert edit_document(client, live_document, title="Strategy 2026").status_code == 403
    live_document.refresh_from_db()
    assert live_document.title == "Strategy"


def test_a_lead_may_and_every_lead_is_told(client, live_document):
    lead = make_lead()
    make_lead("lena")
    client.force_login(lead)
    replacement = SimpleUploadedFile("strategy.pdf", PDF + b"% changed")
    assert edit_document(client, live_document, file=replacement).status_code == 302
    live_document.refresh_from_db()
    assert live_document.file.read().endswith(b"% changed")
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["leah@example.org", "lena@example.org"]
    assert "a live file was replaced (Strategy)" in mail.outbox[0].subject


def test_an_editor_may_replace_a_file_no_live_page_uses(client, launch_content, media):
    document = get_document_model().objects.create(title="Draft", file=ContentFile(PDF, "d.pdf"))
    client.force_login(make_editor())
    replacement = SimpleUploadedFile("d.pdf", PDF + b"% v2")
    assert edit_document(client, document, file=replacement).status_code == 302


def test_an_editor_cannot_move_a_document_out_of_a_private_collection(
    client, launch_content, media
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Briefing", collection=private, file=ContentFile(PDF, "b.pdf")
    )
    client.force_login(make_editor())
    response = edit_document(client, document, collection=root.pk)
    assert "Only a safeguarding lead can move a document into or out of a private" in (
        response.content.decode()
    )
    document.refresh_from_db()
    assert document.collection == private


def test_an_editor_cannot_replace_a_live_image(client, launch_content, media):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Cot", alt_text="A cot", file=ContentFile(buffer.getvalue(), "cot.png")
    )
    advice = launch_content["advice"]["safer-sleep-for-your-baby"]
    embed = f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="A cot"/>'
    advice.body = [*advice.body.raw_data, {"type": "text", "value": embed}]
    advice.save_revision().publish()
    client.force_login(make_editor())
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Cot",
            "alt_text": "A cot",
            "collection": image.collection_id,
            "file": SimpleUploadedFile("cot.png", buffer.getvalue()),
        },
    )
    assert response.status_code == 403
    assert LIVE_FILES_ARE_THE_LEADS in response.content.decode()


def test_a_private_document_is_never_kept_by_a_browser_and_no_encoding_is_claimed(
    client, launch_content, media
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Password")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="pw-123"
    )
    public = get_document_model().objects.create(title="Leaflet", file=ContentFile(PDF, "l.pdf"))
    secret = get_document_model().objects.create(
        title="Minutes", collection=private, file=ContentFile(PDF, "m.pdf")
    )
    response = client.get(public.url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "no-store" not in response.get("Cache-Control", "")

    restriction = CollectionViewRestriction.objects.get(collection=private)
    client.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        {"password": "pw-123", "return_url": secret.url},
    )
    response = client.get(secret.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Content-Encoding" not in response


# --- 6. Uploads that broke the worker --------------------------------------------------------


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width, height):
    """A well-formed PNG claiming a size, with (almost) no picture behind it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def add_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Photo", "alt_text": "A photo", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("huge.png", png_header(60000, 60000), "far more pixels than any photo"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"not a picture at all" * 50, "Upload a valid image"),
        ("photo.png", b"just some words, not an image", "Upload a valid image"),
    ],
)
def test_an_image_that_cannot_be_read_gets_a_message_not_a_500(
    admin_client, media, name, content, message
):
    response = add_image(admin_client, name, content)
    assert response.status_code == 200
    assert message in BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert get_image_model().objects.count() == 0


def odt_bomb(claimed=39, real=64 * 1024 * 1024):
    """An .odt whose `mimetype` member says it is 39 bytes and inflates to `real` bytes."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("mimetype", "w") as member,
    ):
        for _ in range(real // (1024 * 1024)):
            member.write(b"\0" * 1024 * 1024)
    data = bytearray(buffer.getvalue())
    struct.pack_into("<I", data, 22, claimed)  # the local header's size
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, claimed)  # and the central directory's
    return bytes(data)


def test_a_document_that_inflates_is_refused_reading_only_what_the_check_needs():
    upload = SimpleUploadedFile("bomb.odt", odt_bomb())
    tracemalloc.start()
    with pytest.raises(Exception, match="not a real OpenDocument text file"):
        validate_document_contents(upload)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"{peak / 1e6:.0f} MB to refuse a 64 MB bomb"


# --- 7. Proxies counted ----------------------------------------------------------------------


def test_production_without_proxies_counted_is_warned(settings):
    settings.DEBUG = False
    settings.TRUSTED_PROXY_COUNT = 0
    ids = [message.id for message in checks.run_checks(include_deployment_checks=True)]
    assert "protecting_babies.W001" in ids
    settings.TRUSTED_PROXY_COUNT = 1
    ids = [message.id for message in checks.run_checks(include_deployment_checks=True)]
    assert "protecting_babies.W001" not in ids


# --- 8. The smaller ones ---------------------------------------------------------------------


def test_an_unknown_host_gets_the_sites_400_page_with_its_security_headers(cached_site, settings):
    settings.ALLOWED_HOSTS = ["protectingbabies.example.org"]
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Sorry, this request could not be read" in response.content.decode()
    assert 'call <a class="govuk-link app-dial" href="tel:999">999</a>' in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_form_without_its_token_gets_the_sites_own_page(launch_content):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("wagtailadmin_login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response


def test_the_front_end_sources_are_not_published(tmp_path, settings, client, db):
    settings.STATIC_ROOT = tmp_path
    with override_settings(WHITENOISE_USE_FINDERS=True):
        call_command("collectstatic", interactive=False, verbosity=0)
    collected = {
        path.relative_to(tmp_path).parts[0] for path in tmp_path.rglob("*") if path.is_file()
    }
    assert "src" not in collected
    assert {"dist", "images"} <= collected
    assert client.get("/static/src/js/main.mjs").status_code == 404
    assert client.get("/static/dist/main.css").status_code == 200
