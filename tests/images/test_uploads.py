"""Hostile uploads are refused with a clear message and nothing is stored; documents download."""

import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as settings_for_hypothesis
from hypothesis import strategies as st
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from images.uploads import validate_document_contents

WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return sorted(path.name for path in media.rglob("*") if path.is_file())


def office_file(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def png(size, mode="RGB"):
    buffer = io.BytesIO()
    PillowImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(" ".join(tag.get_text() for tag in soup.select(".error-message")).split())


def add_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Leaflet",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def add_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Baby asleep",
            "file": SimpleUploadedFile(name, content),
            "alt_text": "A baby asleep on its back in a cot",
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leaflet.pdf", WINDOWS_PROGRAM, "“leaflet.pdf” is a Windows program renamed"),
        ("minutes.docx", LINUX_PROGRAM, "“minutes.docx” is a Linux program renamed"),
        ("notes.txt", b"#!/bin/sh\nrm -rf /\n", "“notes.txt” is a script renamed"),
        ("guide.pdf", b"<html><script>alert(1)</script></html>", "“guide.pdf” is not a real PDF"),
        ("notes.txt", b"<!DOCTYPE html><html><body>x</body></html>", "not a real plain text file"),
        ("data.csv", b"name,age\n\x00\x00\x01\x02", "“data.csv” is not a real CSV spreadsheet"),
        ("plan.docx", office_file("xl/"), "“plan.docx” is not a real Word document"),
        ("plan.xlsx", b"PK\x03\x04 not really a zip", "not a real Excel spreadsheet"),
        ("letter.rtf", PDF, "“letter.rtf” is not a real Rich Text document"),
        ("story.odt", office_file("word/"), "not a real OpenDocument text file"),
    ],
)
def test_documents_whose_contents_do_not_match_their_name_are_refused(
    admin_client, media, name, content, message
):
    response = add_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in errors(response)
    assert "has not been uploaded" in errors(response)
    assert "File extension" not in errors(response)
    assert not get_document_model().objects.exists()
    assert stored_files(media) == []


def test_a_document_with_an_extension_not_on_the_list_is_refused(admin_client, media):
    response = add_document(admin_client, "setup.exe", WINDOWS_PROGRAM)
    assert "File extension “exe” is not allowed" in errors(response)
    assert stored_files(media) == []


def test_an_oversized_document_is_refused(admin_client, media, settings):
    too_big = PDF + b"0" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    response = add_document(admin_client, "huge.pdf", too_big)
    assert "This file is too big" in errors(response)
    assert "Maximum filesize 20.0" in errors(response)
    assert not get_document_model().objects.exists()
    assert stored_files(media) == []


def test_the_multiple_uploader_refuses_a_renamed_program_and_keeps_nothing(admin_client, media):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("report.pdf", WINDOWS_PROGRAM)},
    )
    data = response.json()
    assert data["success"] is False
    assert "“report.pdf” is a Windows program renamed" in data["error_message"]
    assert not get_document_model().objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leaflet.pdf", PDF),
        ("minutes.docx", office_file("word/")),
        ("figures.xlsx", office_file("xl/")),
        ("slides.pptx", office_file("ppt/")),
        ("notes.txt", b"Safer sleep: on the back, in a cot, in your room."),
        ("contacts.csv", b"service,phone\nJust One Norfolk,0300 300 0123\n"),
        ("letter.rtf", b"{\\rtf1\\ansi Hello}"),
    ],
)
def test_real_documents_are_accepted(admin_client, media, name, content):
    response = add_document(admin_client, name, content)
    assert response.status_code == 302, errors(response)
    assert get_document_model().objects.count() == 1


def test_documents_always_download_and_never_render_on_the_site(client, admin_client, media):
    add_document(admin_client, "leaflet.pdf", PDF)
    add_document(admin_client, "notes.txt", b"plain words")
    for document in get_document_model().objects.all():
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert "Set-Cookie" not in response


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", WINDOWS_PROGRAM, "Upload a valid image"),
        ("photo.jpg", png((20, 20)), "Not a valid .jpeg image"),
        ("photo.png", png((8_000, 8_000), mode="1"), "This file has too many pixels"),
    ],
)
def test_hostile_images_are_refused(admin_client, media, name, content, message):
    response = add_image(admin_client, name, content)
    assert response.status_code == 200
    assert message in errors(response)
    assert not get_image_model().objects.exists()
    assert stored_files(media) == []


def test_an_oversized_image_is_refused(admin_client, media, settings):
    too_big = png((20, 20)) + b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = add_image(admin_client, "photo.png", too_big)
    assert "This file is too big" in errors(response)
    assert not get_image_model().objects.exists()
    assert stored_files(media) == []


def test_the_image_multiple_uploader_refuses_a_decompression_bomb(admin_client, media):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("bomb.png", png((8_000, 8_000), mode="1"))},
    )
    data = response.json()
    assert data["success"] is False
    assert "too many pixels" in data["error_message"]
    assert not get_image_model().objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media) == []


def test_a_real_image_is_accepted(admin_client, media):
    response = add_image(admin_client, "photo.png", png((40, 30)))
    assert response.status_code == 302, errors(response)
    assert get_image_model().objects.get().width == 40


ZIP_MEMBER_NAMES = st.one_of(
    st.sampled_from(["mimetype", "[Content_Types].xml", "word/document.xml", "xl/a.xml", "ppt/b"]),
    st.from_regex(r"[a-z][a-z0-9_./-]{0,19}", fullmatch=True),
)


@settings_for_hypothesis(max_examples=300, deadline=None)
@given(
    content=st.one_of(
        st.binary(max_size=600),
        st.binary(max_size=600).map(lambda tail: b"PK\x03\x04" + tail),
        st.builds(
            lambda names, data: zip_with(names, data),
            st.lists(ZIP_MEMBER_NAMES, max_size=4, unique=True),
            st.binary(max_size=64),
        ),
    ),
    extension=st.sampled_from(["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]),
)
def test_any_bytes_get_a_verdict_never_an_error(content, extension):
    upload = SimpleUploadedFile(f"file.{extension}", content)
    try:
        validate_document_contents(upload)
    except ValidationError as error:
        assert error.code in {"executable", "contents_do_not_match"}


def zip_with(names, data):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_long_utf8_text_cut_mid_character_by_the_check_is_still_text():
    # "ā" (2 bytes, not Windows-1252), 8,189 more, then "é": the check reads 8,192 bytes,
    # which end half way through the "é".
    content = "ā".encode() + b"a" * 8189 + "é and more words".encode()
    assert len(content[:8192].decode("utf-8", errors="ignore").encode()) == 8191
    validate_document_contents(SimpleUploadedFile("notes.txt", content))


def test_a_document_extension_without_a_content_check_is_an_error(settings):
    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "exe"]
    messages = checks.run_checks()
    assert [m.id for m in messages] == ["images.E001"]
    assert "exe" in messages[0].msg
