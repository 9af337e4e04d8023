"""When the admin refuses someone, say who can do it.

Wagtail answers every refusal the same way: back to the dashboard with "Sorry, you do not have
permission to access this area." An Editor who opened the helpline, an approval or the
redirects learned nothing from that. Here the refusal is a page (403) that says who can do it
and names them ("Only safeguarding leads can change the helpline: ask one of them").

Wagtail's refusal is recognised where it is said: the admin's message storage
(editorial.messages) marks the request instead of keeping the message, and RefusalMiddleware
turns the redirect into this page."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext

from core.roles import lead_names

# Wagtail's words (wagtail.admin.auth.permission_denied), translated as Wagtail does.
WAGTAIL_REFUSAL = "Sorry, you do not have permission to access this area."
REFUSED = "refused_in_admin"

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


def is_wagtail_refusal(message):
    """Wagtail's refusal message (rendered into its message HTML)."""
    text = str(message)
    return WAGTAIL_REFUSAL in text or gettext(WAGTAIL_REFUSAL) in text


def mark_refused(request):
    setattr(request, REFUSED, True)


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


class RefusalMiddleware:
    """Wagtail's redirect after a refusal becomes a 403 page saying who can do it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, REFUSED, False) or response.status_code != 302:
            return response
        response = TemplateResponse(
            request,
            "editorial/admin/refused.html",
            {"reason": reason_for(request.resolver_match), "leads": lead_names()},
            status=403,
        )
        return response.render()
