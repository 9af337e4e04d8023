"""Serving documents: Wagtail's view (permission checks, download only), with two headers put
right. A document in a private collection is never kept by a browser or a shared cache, and
the stray `Content-Encoding: None` Wagtail's file streaming sends is taken off."""

from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve


def serve_document(request, document_id, document_filename):
    response = serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    if response.status_code in (200, 304):
        document = get_document_model().objects.select_related("collection").get(pk=document_id)
        if document.collection.get_view_restrictions().exists():
            patch_cache_control(response, private=True, no_store=True)
    return response
