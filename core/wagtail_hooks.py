"""The core's admin addresses: uploading images, editing and deleting images and documents
(admin_views.py), and adding or changing a redirect (redirects.py), at Wagtail's own
addresses. These are matched before Wagtail's, as this app comes first in INSTALLED_APPS.
The bulk actions on images and documents keep the same rule as their forms. And the scripts every
admin page loads (static/protecting_babies/): typed dates never turned into another day,
text never cut short without a word, files too big refused before they are sent, "Add
images" asks before unsaved uploads are left, dates and times shown the UK way."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views.chooser import viewset as image_chooser
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from core import admin_views, moved_settings, redirects
from core.roles import is_lead
from core.uploads import changes_privacy, refuse_editors_if_in_use

# Names for the refusal page (editorial/refusals.py says who can, by the view's name).
FILE_EDIT = "file_edit"
FILE_DELETE = "file_delete"


@hooks.register("register_admin_urls")
def register_image_upload_urls():
    return [
        path("images/multiple/add/", admin_views.AddImagesView.as_view()),
        path(
            "images/multiple/<int:image_id>/",
            admin_views.EditUploadedImageView.as_view(),
            name=FILE_EDIT,
        ),
        path(
            "images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/",
            admin_views.CreateFromUploadedImageView.as_view(),
        ),
        path(
            "images/chooser/create/",
            image_chooser.construct_view(admin_views.ChooserUploadView),
        ),
    ]


# Editing and deleting images and documents (refused to editors when the file is in use), at
# Wagtail's addresses: (address, view, name).
FILE_VIEWS = [
    ("images/<int:image_id>/", admin_views.EditImageView, FILE_EDIT),
    ("images/<int:image_id>/delete/", admin_views.DeleteImageView, FILE_DELETE),
    ("images/multiple/<int:image_id>/delete/", admin_views.DeleteUploadedImageView, FILE_DELETE),
    ("documents/edit/<int:document_id>/", admin_views.EditDocumentView, FILE_EDIT),
    ("documents/delete/<int:document_id>/", admin_views.DeleteDocumentView, FILE_DELETE),
    ("documents/multiple/<int:doc_id>/", admin_views.EditUploadedDocumentView, FILE_EDIT),
    (
        "documents/multiple/<int:doc_id>/delete/",
        admin_views.DeleteUploadedDocumentView,
        FILE_DELETE,
    ),
]


@hooks.register("register_admin_urls")
def register_moved_settings_urls():
    """Settings that left the core keep answering at their old addresses (a redirect)."""
    return moved_settings.urls()


@hooks.register("register_admin_urls")
def register_file_edit_urls():
    return [path(address, view.as_view(), name=name) for address, view, name in FILE_VIEWS]


@hooks.register("before_bulk_action")
def files_in_bulk_as_one_by_one(request, action_type, objects, action):
    """An editor may not delete or move to another collection, in bulk, an image or document
    they could not one by one: one in use, or (documents) a move that changes who may open it."""
    if action.model not in (get_image_model(), get_document_model()) or is_lead(request.user):
        return
    if action_type in ("delete", "add_to_collection"):
        for obj in objects:
            refuse_editors_if_in_use(request.user, obj)
    if action_type == "add_to_collection" and action.model is get_document_model():
        target = action.cleaned_form.cleaned_data.get("collection")
        if any(changes_privacy(obj.collection, target) for obj in objects):
            raise PermissionDenied


@hooks.register("register_admin_urls")
def register_redirect_urls():
    # Settings → Redirects, with a target and an unused address required (redirects.py).
    return [
        path("redirects/add/", redirects.CreateView.as_view()),
        path("redirects/<int:redirect_id>/", redirects.EditView.as_view()),
    ]


@hooks.register("insert_global_admin_js")
def admin_script():
    # Before the page's own scripts, with no inline code (the admin's CSP): its settings are
    # data attributes.
    return format_html(
        '<script src="{}" data-max-image-bytes="{}" data-max-document-bytes="{}"></script>',
        static("protecting_babies/admin.js"),
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
    )


@hooks.register("insert_global_admin_css")
def admin_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("protecting_babies/admin.css"))


class OneQueryPageLinkHandler(PageLinkHandler):
    """Links to pages in rich text, in one query for all of a text's links: Wagtail's own
    handler fetches each linked page's specific type (two queries) for its URL, which only
    needs the page's path. No page type of this site builds its URL differently."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = Page.objects.filter(id__in=[i for i in ids if str(i).isdigit()]).only(
            "id", "url_path", "path", "depth", "locale_id", "live", "translation_key"
        )
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(i)) for i in ids]


@hooks.register("register_rich_text_features", order=1)
def links_to_pages_in_one_query(features):
    """After Wagtail's own (order=1): its page link type replaced by OneQueryPageLinkHandler."""
    features.register_link_type(OneQueryPageLinkHandler)
