"""When the admin refuses someone, say who can do it.

Wagtail answers every refusal the same way: back to the dashboard with "Sorry, you do not have
permission to access this area." An Editor who opened the helpline, an approval or the
redirects learned nothing from that. Here the refusal is a page (403) that says who can do it
and names them ("Only safeguarding leads can change the helpline: ask one of them").

Wagtail's refusal is recognised by where it is made, not by its words: every refusal in the
admin goes through `wagtail.admin.auth.permission_denied` (a failed `user_passes_test` or
permission-policy check, and a `PermissionDenied` raised by any admin view, which
`require_admin_access` catches). EditorialConfig.ready() puts `permission_denied` below in its
place, so the refusal is this page whatever Wagtail's sentence says or is translated to."""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.template.response import TemplateResponse
from wagtail.admin import auth as wagtail_auth

from core.roles import lead_names

LEADS_ONLY = "Only safeguarding leads can {}: ask one of them."
SETTINGS = {
    "helplinesettings": LEADS_ONLY.format("change the helpline")
    + " A wrong number is dangerous, so every change is theirs, and each one is kept in the "
    "helpline's history.",
    "sitelinks": LEADS_ONLY.format(
        "change the site links (where “Exit this page” goes, and the links at the foot of pages)"
    ),
}
FILES_IN_USE = (
    LEADS_ONLY.format(
        "change or delete an image or document that is on the live site or waiting for sign-off"
    )
    + " Visitors would see the change at once, without a lead seeing it first. To show a "
    "different one, upload it and choose it where it is used: that change goes to a lead for "
    "sign-off."
)
# (part of the view's name, what to say), first match wins.
BY_VIEW = [
    ("workflow_action", LEADS_ONLY.format("approve or request changes")),
    # images/wagtail_hooks.py: editing and deleting images and documents.
    ("file_edit", FILES_IN_USE),
    (
        "file_delete",
        LEADS_ONLY.format(
            "delete an image or document that is in use, or that someone else uploaded"
        ),
    ),
    ("review_", LEADS_ONLY.format("confirm that advice is still right")),
    (
        ":unpublish",
        LEADS_ONLY.format("take something off the site")
        + " They can also set it to expire on a date.",
    ),
    (":delete", LEADS_ONLY.format("delete pages, resources, images and documents")),
    ("wagtailredirects:", LEADS_ONLY.format("add or change redirects")),
    ("wagtailsettings:", LEADS_ONLY.format("change the site's settings")),
    ("wagtailusers", "Only administrators add people or change their roles: ask one of them."),
    ("helpline_history", LEADS_ONLY.format("read the helpline's history")),
    ("feedback_", LEADS_ONLY.format("mark visitors' answers dealt with or delete them")),
]
# The bulk actions on images (images.SiteImage) and documents.
BULK_FILES = ("siteimage", "document")
OTHERWISE = "Your role does not allow this. Safeguarding leads and administrators can: ask one."


def reason_for(match):
    """What to say for the refused view (`request.resolver_match`)."""
    if match is None:
        return OTHERWISE
    if match.view_name == "wagtailsettings:edit":
        model = match.kwargs.get("model_name", "")
        if model in SETTINGS:
            return SETTINGS[model]
    if match.view_name == "wagtail_bulk_action" and match.kwargs.get("model_name") in BULK_FILES:
        return FILES_IN_USE
    for part, reason in BY_VIEW:
        if part in match.view_name:
            return reason
    return OTHERWISE


def permission_denied(request):
    """Wagtail's `permission_denied` (the admin's one refusal), answered with the page saying
    who can do it. A script's request is refused as Wagtail refuses it (a bare 403)."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    response = TemplateResponse(
        request,
        "editorial/admin/refused.html",
        {"reason": reason_for(request.resolver_match), "leads": lead_names()},
        status=403,
    )
    return response.render()


def answer_refusals():
    """Put permission_denied above in Wagtail's place (from EditorialConfig.ready()): Wagtail's
    decorators look the name up in its module each time they refuse."""
    if not callable(getattr(wagtail_auth, "permission_denied", None)):
        raise ImproperlyConfigured(
            "wagtail.admin.auth.permission_denied is gone: editorial/refusals.py must find "
            "the admin's refusals another way."
        )
    wagtail_auth.permission_denied = permission_denied
