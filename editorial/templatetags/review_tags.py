"""What content review shows on an item's own edit form (drawn by the core's review panel, so
the core never imports editorial)."""

from django import template
from django.urls import reverse

from editorial.review import UNDO_MINUTES, undoable_confirmation

register = template.Library()


@register.inclusion_tag("editorial/review_undo.html")
def review_undo(obj, request):
    """The Undo of the lead's own "Confirm reviewed" of obj, for as long as it lasts."""
    if obj is None or not obj.pk or request is None:
        return {}
    confirmation = undoable_confirmation(obj, request.user)
    if confirmation is None:
        return {}
    return {
        "confirmation": confirmation,
        "undo_minutes": UNDO_MINUTES,
        "next_url": request.get_full_path() if request.method == "GET" else confirmation.edit_url,
        "report_url": reverse("review_report"),
    }
