"""Images and documents in the admin: uploading images, for an image that needs alt text
(`SiteImage.clean`), and who may change or delete a file in use. These views take the place of
Wagtail's at its own addresses (wagtail_hooks.py).

"Add images" (the multiple uploader): Wagtail saves an image at once when the file alone makes
a valid one. Ours never does: its first step sends no alt text. Wagtail then keeps the file
aside (an `UploadedFile`) and shows a form for the rest, but its page still says "Upload
successful" (the image is not saved until that form is), and always adds its own alt-text
warning (about a "description" field this site does not use) above the form's own. Here the
form says whether its image is saved yet, and shows its one alt-text message next to the field
from the start.

The chooser's Upload tab: when the form comes back with a message (no alt text), the browser
has forgotten the chosen file, so the editor had to choose it again, and pressing Upload
without it showed "This field is required" under the file beside the old alt-text message.
Here the file is kept aside too, until the form is complete.

Editing and deleting an image or document (here, and on the multiple uploaders): an editor may
not change or delete one that live pages or resources show, or that waits for sign-off with
one; a lead's delete page says where it is used first.

The images' bulk actions had the core's app label in their address until images had an app of
their own: the old address is sent on to today's.
"""

import os.path

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.documents.views import documents as document_views
from wagtail.documents.views import multiple as document_multiple
from wagtail.images import get_image_model
from wagtail.images.views import images as image_views
from wagtail.images.views import multiple
from wagtail.images.views.chooser import ImageUploadView
from wagtail.models import UploadedFile

from images.uploads import file_uses, refuse_editors_if_in_use

# The upload page, and each image's form on it (the form says whether its image is saved).
UPLOAD_PAGE_TEMPLATE = "images/admin/upload_images.html"
IMAGE_FORM_TEMPLATE = "images/admin/upload_image_form.html"
# The chooser's Upload tab, with the file kept aside while the form is not complete.
CHOOSER_UPLOAD_TEMPLATE = "images/admin/chooser_upload_form.html"
KEPT_FILE = "kept_file"  # the kept file's id, sent back with the form


# --- Images and documents in use: only a safeguarding lead changes or deletes them ----------


class InUseForLeadsOnly:
    """An edit or delete view of an image or document: an editor is refused (Wagtail's refusal,
    which the admin turns into the page saying who can) when the file is on the live site or
    waits for sign-off with a page or resource (uploads.file_uses). A lead's delete page says
    where the file is used before it goes."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        refuse_editors_if_in_use(self.request.user, obj)
        return obj


class DeleteInUseView(InUseForLeadsOnly):
    """The delete page, with the live and waiting uses listed above Wagtail's own content."""

    in_use_template_name = "images/admin/confirm_delete_in_use.html"

    def get_template_names(self):
        return [self.in_use_template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["wagtail_template"] = super().get_template_names()[0]
        context["file_uses"] = file_uses(self.object)
        return context


class UploadedInUseForLeadsOnly:
    """The same for the multiple uploader's per-file edit and delete (which fetch the file in
    `post`)."""

    def post(self, request, *args, **kwargs):
        obj = get_object_or_404(self.get_model(), pk=kwargs[self.pk_url_kwarg])
        refuse_editors_if_in_use(request.user, obj)
        return super().post(request, *args, **kwargs)


# --- Uploading images ----------------------------------------------------------------------


class AddImagesView(multiple.AddView):
    """ "Add images": a form per upload that says whether its image is saved yet."""

    template_name = UPLOAD_PAGE_TEMPLATE
    edit_form_template_name = IMAGE_FORM_TEMPLATE

    def get_edit_upload_form_context_data(self):
        """The form for an image not saved yet, filled in with what the upload sent (the title
        without its file extension, the collection) and checked, so the editor sees what is
        still missing next to its field."""
        context = super().get_edit_upload_form_context_data()
        prefix = context["form"].prefix
        title = self.request.POST.get("title") or self.request.FILES["files[]"].name
        data = {f"{prefix}-title": title}
        if self.request.POST.get("collection"):
            data[f"{prefix}-collection"] = self.request.POST["collection"]
        form = self.get_edit_form_class()(
            data, instance=self.object, prefix=prefix, user=self.request.user
        )
        form.is_valid()  # only for its messages: the image is made when the editor saves
        context["form"] = form
        return context


class EditUploadedImageView(UploadedInUseForLeadsOnly, multiple.EditView):
    """A saved image's form on "Add images", shown again with its messages (refused to an
    editor once the image is in use, as below)."""

    edit_form_template_name = IMAGE_FORM_TEMPLATE


class CreateFromUploadedImageView(multiple.CreateFromUploadedImageView):
    """An upload not saved yet becomes an image once its form is complete."""

    edit_form_template_name = IMAGE_FORM_TEMPLATE


class ChooserUploadView(ImageUploadView):
    """The chooser's Upload tab, which keeps the chosen file while the form is not complete."""

    creation_form_template_name = CHOOSER_UPLOAD_TEMPLATE

    kept = None

    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()
        if "files" in kwargs:
            self.kept = self.find_kept_file()
            field = f"{kwargs['prefix']}-file"
            if self.kept and field not in kwargs["files"]:
                self.kept.file.open("rb")
                files = kwargs["files"].copy()
                files[field] = File(self.kept.file.file, name=self.kept_name())
                kwargs["files"] = files
            elif self.kept:  # another file chosen instead: the one kept is not needed
                self.forget_kept_file()
        return kwargs

    def post(self, request):
        try:
            return super().post(request)
        finally:
            if self.kept:
                self.kept.file.close()

    def find_kept_file(self):
        kept_id = self.request.POST.get(KEPT_FILE, "")
        if not kept_id.isdigit():
            return None
        return UploadedFile.objects.filter(
            pk=kept_id,
            uploaded_by_user=self.request.user,
            for_content_type=ContentType.objects.get_for_model(self.model),
        ).first()

    def kept_name(self):
        return os.path.basename(self.kept.file.name)

    def forget_kept_file(self):
        self.kept.file.close()
        self.kept.file.delete(save=False)
        self.kept.delete()
        self.kept = None

    def save_form(self, form):
        image = super().save_form(form)
        if self.kept:  # it is the image's file now
            self.forget_kept_file()
        return image

    def get_reshow_creation_form_response(self):
        file_is_fine = "file" not in self.form.errors
        uploaded = self.request.FILES.get(f"{self.form.prefix}-file")
        if uploaded and file_is_fine:
            self.kept = UploadedFile.objects.create(
                for_content_type=ContentType.objects.get_for_model(self.model),
                file=uploaded,
                uploaded_by_user=self.request.user,
            )
        if self.kept and file_is_fine:
            # Not asked for again: the browser would not send the form without it.
            self.form.fields["file"].required = False
            self.form["file"].help_text = (
                f"“{self.form.cleaned_data['file'].name}” is uploaded: you do not need to "
                "choose it again. Choose another file only to use that one instead."
            )
        return super().get_reshow_creation_form_response()

    def get_creation_form_context_data(self, form):
        context = super().get_creation_form_context_data(form)
        context["kept_file"] = self.kept
        context["kept_file_field"] = KEPT_FILE
        return context


# --- Editing and deleting images and documents ----------------------------------------------


class EditImageView(InUseForLeadsOnly, image_views.EditView):
    pass


class DeleteImageView(DeleteInUseView, image_views.DeleteView):
    pass


class EditDocumentView(InUseForLeadsOnly, document_views.EditView):
    pass


class DeleteDocumentView(DeleteInUseView, document_views.DeleteView):
    pass


class DeleteUploadedImageView(UploadedInUseForLeadsOnly, multiple.DeleteView):
    pass


class EditUploadedDocumentView(UploadedInUseForLeadsOnly, document_multiple.EditView):
    pass


class DeleteUploadedDocumentView(UploadedInUseForLeadsOnly, document_multiple.DeleteView):
    pass


# --- The images' bulk actions at their address from before the move ------------------------


def old_bulk_action_address(request, action):
    """/admin/bulk/protecting_babies/siteimage/<action>/ (the image model's address while it
    belonged to the core) sent on to today's, with its query string (the images chosen, where
    to go back to). A 307 keeps the method, so a confirmation opened before an upgrade and
    confirmed after it still posts."""
    model = get_image_model()._meta
    address = reverse("wagtail_bulk_action", args=[model.app_label, model.model_name, action])
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"{address}?{query}" if query else address)
    response.status_code = 307
    return response
