"""Upload checks: a file must really be what its name says before it is stored.

Wagtail already limits the size of images and documents (WAGTAILIMAGES_MAX_UPLOAD_SIZE,
WAGTAILDOCS_MAX_UPLOAD_SIZE), checks that an image's contents match its extension and refuses
images with too many pixels (WAGTAILIMAGES_MAX_IMAGE_PIXELS: a "decompression bomb"). Documents
are only checked by extension, so the document form here also looks at the file's first bytes.
The checks sit on the forms' `file` field, so a refused file is reported next to the field (or
by the multiple uploader) and nothing is saved.

Also here: which files only a safeguarding lead may change or delete (`file_uses`: those that
live pages and resources show, or that wait for sign-off with one), used by the admin's views
for images and documents (admin_views.py) and their bulk actions (wagtail_hooks.py).
"""

import codecs
import logging
import os.path
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.models import ReferenceIndex, TaskState, WorkflowState

from core.roles import is_lead, lead_emails

logger = logging.getLogger(__name__)

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
        with zipfile.ZipFile(uploaded) as archive, archive.open("mimetype") as member:
            # The member is a few dozen bytes, stored uncompressed: read only that much (its
            # stated size may lie, and decompressing all of a bomb costs the worker gigabytes).
            return member.read(len(mimetype) + 2).strip() == mimetype
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


def readable_title(filename):
    """A title people can read from a file's name, for the link they see:
    "NSCP_safer-sleep_leaflet_v2.pdf" → "NSCP safer sleep leaflet v2"."""
    stem = os.path.splitext(os.path.basename(filename))[0]
    words = re.sub(r"[\s_.\-]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


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


@dataclass
class FileUses:
    """What shows an image or document that a lead has approved, or is asked to: the live
    pages and resources using it, and those waiting for sign-off with a version using it."""

    live: list
    waiting: list

    def __bool__(self):
        return bool(self.live or self.waiting)

    def labels(self):
        return [f"{type(item)._meta.verbose_name} “{item}”" for item in self.live + self.waiting]


def _live_users(obj):
    """The live pages and resources whose live content uses obj (Wagtail's reference index:
    links, choosers, blocks; a live item's own row is its live content)."""
    found = []
    rows = ReferenceIndex.get_references_to(obj).values_list("base_content_type", "object_id")
    for content_type_id, object_id in sorted(set(rows)):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and any(f.name == "live" for f in model._meta.fields):
            found.extend(model.objects.filter(pk=object_id, live=True))
    return [getattr(item, "specific", item) for item in found]


def _waiting_users(obj, already):
    """Pages and resources waiting for sign-off whose version under review uses obj. The
    reference index holds only saved rows, not versions, so each waiting version (a handful at
    most) is read the way Wagtail fills the index."""
    target = (ContentType.objects.get_for_model(obj).pk, str(obj.pk))
    found = []
    waiting = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
    ).select_related("revision")
    for state in waiting:
        version = state.revision.as_object()
        references = ReferenceIndex._extract_references_from_object(version)
        if any((ct, object_id) == target for ct, object_id, *_ in references):
            item = state.revision.content_object
            item = getattr(item, "specific", item)
            if item is not None and item not in already and item not in found:
                found.append(item)
    return found


def file_uses(obj):
    """Where an image or document is shown live, or waits for sign-off to be (FileUses)."""
    live = _live_users(obj)
    return FileUses(live=live, waiting=_waiting_users(obj, live))


def refuse_editors_if_in_use(user, obj):
    """Only a safeguarding lead changes or deletes a file that is live or waiting for sign-off:
    for anyone else, Wagtail's refusal (the admin says who can: editorial/refusals.py)."""
    if not is_lead(user) and file_uses(obj):
        raise PermissionDenied


class LiveFilesForm:
    """Mixed into the image and document forms: the leads are told when a file that live
    content shows is replaced (only leads may: admin_views.py), and an editor may not move a
    document into or out of a private collection."""

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def by_an_editor(self):
        return self.instance.pk is not None and self.user is not None and not is_lead(self.user)

    def save(self, commit=True):
        replaced = "file" in self.changed_data and self.instance.pk and _live_users(self.instance)
        saved = super().save(commit=commit)
        if replaced:
            tell_leads_of_replacement(saved, self.user, FileUses(live=replaced, waiting=[]))
        return saved


def tell_leads_of_replacement(obj, user, uses):
    """A lead replaced the file behind live content: every lead hears of it."""
    who = (user.get_full_name() or user.get_username()) if user else "Someone"
    logger.warning(
        "Live file replaced: %s %s by user %s", type(obj).__name__, obj.pk, user and user.pk
    )
    recipients = lead_emails()
    if recipients:
        send_mail(
            f"Protecting Babies: a live file was replaced ({obj.title})",
            f"{who} replaced the file of “{obj.title}”, which is used by "
            f"{', '.join(uses.labels())}. "
            "Visitors see the new file now. If that was not meant, put the old one back from "
            f"the admin.\n\n{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/",
            None,
            recipients,
        )


def _is_private(collection):
    return collection is not None and collection.get_view_restrictions().exists()


def changes_privacy(before, after):
    """Whether moving a document from collection `before` to `after` changes who may open it
    (either is private): only a lead may."""
    return before != after and (_is_private(before) or _is_private(after))


class SafeDocumentForm(LiveFilesForm, BaseDocumentForm):
    """Wagtail's document form, refusing files whose contents do not match their extension, and
    an editor's change to whether a document is private. A title that is only the file's name
    (what Wagtail fills in) is made readable: visitors see it on the link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].help_text = (
                "What people read on the link to it, e.g. “Safer sleep leaflet”. It starts "
                "from the file's name: say what the document is."
            )

    def clean_title(self):
        title = self.cleaned_data.get("title", "")
        uploaded = self.files.get(self.add_prefix("file")) if self.files else None
        if uploaded is not None and title in (uploaded.name, os.path.splitext(uploaded.name)[0]):
            return readable_title(uploaded.name) or title
        return title

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a newly uploaded file is checked; an unchanged one was checked when it came.
        # A file whose extension is not allowed at all gets Wagtail's own message instead.
        if uploaded and "file" in self.changed_data and extension_allowed(uploaded.name):
            validate_document_contents(uploaded)
        return uploaded

    def clean(self):
        cleaned_data = super().clean()
        if "collection" in self.changed_data and self.by_an_editor():
            before = type(self.instance).objects.get(pk=self.instance.pk).collection
            if changes_privacy(before, cleaned_data.get("collection")):
                self.add_error(
                    "collection",
                    "Only a safeguarding lead can move a document into or out of a private "
                    "collection: who can open it would change at once.",
                )
        return cleaned_data

    def _post_clean(self):
        # The model's own extension check would add a confusing second message about the
        # (refused, so empty) file: keep only the message that says what is wrong.
        refused = list(self.errors["file"].data) if "file" in self.errors else None
        super()._post_clean()
        if refused:
            self.errors["file"] = self.error_class(refused, renderer=self.renderer)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, answering an image that cannot be read with a message: a header
    claiming billions of pixels (a decompression bomb), or a file that is not an image."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except Image.DecompressionBombError as error:
            raise ValidationError(
                "This image says it has far more pixels than any photo, so it has not been "
                "uploaded. Save it at a normal size and upload that.",
                code="file_too_many_pixels",
            ) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class SafeImageForm(LiveFilesForm, BaseImageForm):
    """Wagtail's image form (type, size and pixel checks) with images that cannot be read
    refused with a message, and renamed programs refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")  # the bulk uploader's second step has none
        if field is not None:
            self.fields["file"] = SafeImageField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                widget=field.widget,
            )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            refuse_executable(uploaded)
        return uploaded
