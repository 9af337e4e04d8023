"""The admin's content review views: the "Content due for review" report and "Confirm
reviewed" for a page or a resource."""

import datetime
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from core.exports import ExcelFriendlyCSVMixin
from core.http import safe_next_url
from core.models import DUE_SOON_DAYS, ContentReviewMixin
from editorial.filters import ReviewFilterSet
from editorial.review import (
    UNDO_MINUTES,
    confirm_reviewed,
    confirmation_to_undo,
    confirmations_to_undo,
    items_due,
    review_settings_url,
    undo_confirmation,
    user_can_confirm_reviews,
    user_can_see_reviews,
)
from resources.models import Resource

CONFIRM_REFUSAL = "Only safeguarding leads confirm that advice is still right"


class ContentDueForReviewView(ExcelFriendlyCSVMixin, ReportView):
    """The "Content due for review" report, with CSV and XLSX downloads."""

    page_title = "Content due for review"
    header_icon = "time"
    results_template_name = "editorial/review_report_results.html"
    index_url_name = "review_report"
    index_results_url_name = "review_report_results"
    filterset_class = ReviewFilterSet
    export_filename = "content-due-for-review"
    list_export = [
        "title",
        "kind",
        "owner_name",
        "last_reviewed",
        "next_review_due",
        "status_label",
        "admin_url",
        "public_url",
    ]
    export_headings = {
        "title": "Title",
        "kind": "Type",
        "owner_name": "Owner",
        "last_reviewed": "Last reviewed",
        "next_review_due": "Next review due",
        "status_label": "Status",
        "admin_url": "Admin address",
        "public_url": "Public address",
    }
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_reviews(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": Page.objects.none()}

    def get_queryset(self):
        return items_due()

    def to_row_dict(self, item):
        """The addresses in full, so that they work when clicked in the spreadsheet."""
        row = super().to_row_dict(item)
        for field in ("admin_url", "public_url"):
            if row[field]:
                row[field] = self.request.build_absolute_uri(row[field])
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["due_soon_days"] = DUE_SOON_DAYS
        context["can_confirm"] = user_can_confirm_reviews(self.request.user)
        context["settings_url"] = review_settings_url()
        if context["can_confirm"]:
            context["undoable"] = confirmations_to_undo(self.request.user)
            context["undo_minutes"] = UNDO_MINUTES
        return context


def _refuse_if_locked(request, obj):
    """A message and True when obj is locked for this user: locked by another editor, waiting
    in a workflow task this user cannot act on, or scheduled. Nobody else may change it now,
    and that includes its review date."""
    lock = obj.get_lock()
    if lock is None or not lock.for_user(request.user):
        return False
    messages.error(
        request,
        format_html(
            "'{}' is locked, so its review cannot be confirmed now. {}",
            obj,
            lock.get_message(request.user),
        ),
    )
    return True


def _confirmed_message(request, obj, undo_url):
    messages.success(
        request,
        f"'{obj}' is marked as reviewed today. Next review due "
        f"{date_format(obj.next_review_due, 'j F Y')}. You can undo this for "
        f"{UNDO_MINUTES} minutes.",
        buttons=[messages.button(undo_url, "Undo")],
    )


def _confirm_view(request, obj, urls):
    if not user_can_confirm_reviews(request.user):
        raise PermissionDenied(CONFIRM_REFUSAL)
    next_url = safe_next_url(request, urls["edit"])
    if _refuse_if_locked(request, obj):
        return redirect(next_url)
    if request.method == "POST":
        confirm_reviewed(obj, request.user)
        _confirmed_message(request, obj, f"{urls['undo']}?{urlencode({'next': next_url})}")
        return redirect(next_url)
    return TemplateResponse(
        request,
        "editorial/confirm_reviewed.html",
        {"object": obj, "next_url": next_url, "edit_url": urls["edit"]},
    )


def _undo_view(request, obj, urls):
    if not user_can_confirm_reviews(request.user):
        raise PermissionDenied(CONFIRM_REFUSAL)
    next_url = safe_next_url(request, urls["edit"])
    entry = confirmation_to_undo(obj, request.user)
    if entry is None:
        messages.error(
            request,
            f"This review of '{obj}' can no longer be undone: undo is there for "
            f"{UNDO_MINUTES} minutes, for the person who confirmed it, until the date changes "
            "again. Change “Last reviewed” in its Settings tab instead.",
        )
        return redirect(next_url)
    previous = entry.data.get("previous")
    if request.method == "POST":
        undo_confirmation(obj, request.user, entry)
        messages.success(
            request,
            f"Undone: '{obj}' is back to "
            + (
                f"last reviewed {date_format(obj.last_reviewed, 'j F Y')}."
                if obj.last_reviewed
                else "never reviewed."
            ),
        )
        return redirect(next_url)
    return TemplateResponse(
        request,
        "editorial/undo_confirm_reviewed.html",
        {
            "object": obj,
            "next_url": next_url,
            "edit_url": urls["edit"],
            "previous": datetime.date.fromisoformat(previous) if previous else None,
        },
    )


def _review_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ContentReviewMixin):
        raise Http404
    return page, {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "undo": reverse("review_undo_page", args=[page.pk]),
    }


def _review_resource(pk):
    resource = get_object_or_404(Resource, pk=pk)
    return resource, {
        "edit": reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
        "undo": reverse("review_undo_resource", args=[resource.pk]),
    }


@require_http_methods(["GET", "POST"])
def confirm_page_reviewed(request, page_id):
    """Confirm a page's advice is still correct: ask on GET, record it on POST."""
    return _confirm_view(request, *_review_page(page_id))


@require_http_methods(["GET", "POST"])
def confirm_resource_reviewed(request, pk):
    """Confirm a resource is still correct: ask on GET, record it on POST."""
    return _confirm_view(request, *_review_resource(pk))


@require_http_methods(["GET", "POST"])
def undo_page_reviewed(request, page_id):
    """Take back a confirmation made in the last minutes: ask on GET, undo on POST."""
    return _undo_view(request, *_review_page(page_id))


@require_http_methods(["GET", "POST"])
def undo_resource_reviewed(request, pk):
    return _undo_view(request, *_review_resource(pk))


@require_POST
def confirm_many_reviewed(request):
    """The report's "Confirm reviewed" for the ticked items: a page that lists them and asks,
    then (with `confirmed`) records each one this lead may confirm now."""
    if not user_can_confirm_reviews(request.user):
        raise PermissionDenied(CONFIRM_REFUSAL)
    next_url = safe_next_url(request, reverse("review_report"))
    chosen = set(request.POST.getlist("item"))
    items = [item for item in items_due() if item.key in chosen]
    if not items:
        messages.error(request, "Tick the pages and resources you have reviewed first.")
        return redirect(next_url)
    if "confirmed" not in request.POST:
        return TemplateResponse(
            request,
            "editorial/confirm_many_reviewed.html",
            {"items": items, "next_url": next_url},
        )
    done = 0
    for item in items:
        if not _refuse_if_locked(request, item.obj):
            confirm_reviewed(item.obj, request.user)
            done += 1
    if done:
        messages.success(
            request,
            f"{done} {'item is' if done == 1 else 'items are'} marked as reviewed today.",
        )
    return redirect(next_url)
