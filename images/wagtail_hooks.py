"""The admin's addresses for images and documents: uploading images, editing and deleting images
and documents (admin_views.py), at Wagtail's own addresses. They are matched before Wagtail's,
as this app comes before Wagtail's in INSTALLED_APPS. The bulk actions on images and documents
keep the same rule as their forms."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views.chooser import viewset as image_chooser

from core.roles import is_lead
from images import admin_views
from images.uploads import changes_privacy, refuse_editors_if_in_use

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
