"""System checks for uploads (`manage.py check`)."""

from django.conf import settings
from django.core.checks import Error, register

from images.uploads import CHECKED_EXTENSIONS


@register()
def check_document_extensions_have_a_content_check(app_configs, **kwargs):
    """An extension editors may upload is also one whose contents are checked."""
    unchecked = sorted(set(settings.WAGTAILDOCS_EXTENSIONS) - CHECKED_EXTENSIONS)
    return (
        [
            Error(
                f"WAGTAILDOCS_EXTENSIONS allows {', '.join(unchecked)}, which "
                "images/uploads.py cannot check, so such uploads would all be refused.",
                hint="Add a content check to document_matches_extension(), or leave the "
                "extension out of WAGTAILDOCS_EXTENSIONS.",
                id="images.E001",
            )
        ]
        if unchecked
        else []
    )
