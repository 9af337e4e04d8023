"""Upload checks: a file must really be what its name says before it is stored.

Wagtail already limits the size of images and documents (WAGTAILIMAGES_MAX_UPLOAD_SIZE,
WAGTAILDOCS_MAX_UPLOAD_SIZE), checks that an image's contents match its extension and refuses
images with too many pixels (WAGTAILIMAGES_MAX_IMAGE_PIXELS: a "decompression bomb"). Documents
are only checked by extension, so the document form here also looks at the file's first bytes.
The checks sit on the forms' `file` field, so a refused file is reported next to the field (or
by the multiple uploader) and nothing is saved.
"""

import codecs
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

HEAD_BYTES = 8192

# The first bytes of programs and scripts, which no document or image of ours starts with.
EXECUTABLE_SIGNATURES = {
    b"MZ": "a Windows program",
    b"\x7fELF": "a Linux program",
    b"\xca\xfe\xba\xbe": "a macOS program",
    b"\xcf\xfa\xed\xfe": "a macOS program",
    b"\xce\xfa\xed\xfe": "a macOS program",
    b"#!": "a script",
}
# Markup a browser would run as a web page if it were ever shown inline.
MARKUP_STARTS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")

OFFICE_ZIP_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
DOCUMENT_NAMES = {
    "csv": "CSV spreadsheet",
    "docx": "Word document",
    "odt": "OpenDocument text file",
    "pdf": "PDF",
    "pptx": "PowerPoint presentation",
    "rtf": "Rich Text document",
    "txt": "plain text file",
    "xlsx": "Excel spreadsheet",
}


def _read_head(uploaded):
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    return head


def refuse_executable(uploaded):
    """Raise a ValidationError when the file starts like a program, whatever its name."""
    head = _read_head(uploaded)
    for signature, what in EXECUTABLE_SIGNATURES.items():
        if head.startswith(signature):
            raise ValidationError(
                "“%(name)s” is %(what)s renamed to look like something else, so it has not "
                "been uploaded. Upload the real file.",
                code="executable",
                params={"name": uploaded.name, "what": what},
            )


def _is_office_file(uploaded, folder):
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except Exception:  # any archive that cannot be read is not a document
        return False
    finally:
        uploaded.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _is_odf_file(uploaded, mimetype):
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            info = archive.getinfo("mimetype")
            # The mimetype member is a few dozen bytes, stored uncompressed.
            if info.file_size > 100:
                return False
            return archive.read(info).strip() == mimetype
    except Exception:  # any archive that cannot be read is not a document
        return False
    finally:
        uploaded.seek(0)


def _is_text(head):
    if b"\x00" in head:
        return False
    if head.lstrip().lower().startswith(MARKUP_STARTS):
        return False
    # UTF-8 (Excel's and most tools' choice) or Windows-1252; the 8 KB read may have cut the
    # last character in half, which the incremental decoder allows for.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=len(head) < HEAD_BYTES)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _office_check(folder):
    return lambda uploaded, head: (
        head.startswith(b"PK\x03\x04") and _is_office_file(uploaded, folder)
    )


def _odf_check(mimetype):
    return lambda uploaded, head: (
        head.startswith(b"PK\x03\x04") and _is_odf_file(uploaded, mimetype)
    )


# How each document type's contents are recognised, from the first bytes (and, for the zip
# formats, the archive's table of contents). A system check (checks.py) makes sure every
# extension in WAGTAILDOCS_EXTENSIONS has one.
CONTENT_CHECKS = {
    "pdf": lambda uploaded, head: b"%PDF-" in head[:1024],
    "rtf": lambda uploaded, head: head.startswith(b"{\\rtf"),
    "csv": lambda uploaded, head: _is_text(head),
    "txt": lambda uploaded, head: _is_text(head),
    **{extension: _office_check(folder) for extension, folder in OFFICE_ZIP_FOLDERS.items()},
    **{extension: _odf_check(mimetype) for extension, mimetype in ODF_MIMETYPES.items()},
}
CHECKED_EXTENSIONS = frozenset(CONTENT_CHECKS)


def document_matches_extension(uploaded, extension):
    """Whether the file's contents are what its extension says (never, for one unchecked)."""
    check = CONTENT_CHECKS.get(extension)
    return check is not None and check(uploaded, _read_head(uploaded))


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def extension_allowed(name):
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    return not allowed or extension_of(name) in allowed


def validate_document_contents(uploaded):
    """Refuse a document whose first bytes do not match its extension."""
    refuse_executable(uploaded)
    extension = extension_of(uploaded.name)
    if not document_matches_extension(uploaded, extension):
        raise ValidationError(
            "“%(name)s” is not a real %(kind)s: its contents do not match its name, so it has "
            "not been uploaded. Open it, save it again as a %(kind)s and upload that.",
            code="contents_do_not_match",
            params={"name": uploaded.name, "kind": DOCUMENT_NAMES.get(extension, extension)},
        )


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose contents do not match their extension."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a newly uploaded file is checked; an unchanged one was checked when it came.
        # A file whose extension is not allowed at all gets Wagtail's own message instead.
        if uploaded and "file" in self.changed_data and extension_allowed(uploaded.name):
            validate_document_contents(uploaded)
        return uploaded

    def _post_clean(self):
        # The model's own extension check would add a confusing second message about the
        # (refused, so empty) file: keep only the message that says what is wrong.
        refused = list(self.errors["file"].data) if "file" in self.errors else None
        super()._post_clean()
        if refused:
            self.errors["file"] = self.error_class(refused, renderer=self.renderer)


class SafeImageForm(BaseImageForm):
    """Wagtail's image form (type, size and pixel checks), also refusing renamed programs."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            refuse_executable(uploaded)
        return uploaded
