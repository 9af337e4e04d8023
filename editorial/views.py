"""The admin's content review views: the "Content due for review" report and "Confirm
reviewed" for a page or a resource."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from editorial.filters import ReviewFilterSet
from editorial.review import DUE_SOON_DAYS, confirm_reviewed, items_due, user_can_see_reviews
from protecting_babies.http import safe_next_url
from protecting_babies.models import ContentReviewMixin
from resources.models import Resource


class ContentDueForReviewView(ReportView):
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
    ]
    export_headings = {
        "title": "Title",
        "kind": "Type",
        "owner_name": "Owner",
        "last_reviewed": "Last reviewed",
        "next_review_due": "Next review due",
        "status_label": "Status",
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["due_soon_days"] = DUE_SOON_DAYS
        return context


def _confirm_view(request, obj, can_edit, edit_url):
    if not can_edit:
        raise PermissionDenied
    next_url = safe_next_url(request, edit_url)
    lock = obj.get_lock()
    if lock is not None and lock.for_user(request.user):
        # Locked by another editor, waiting in a workflow task this user cannot act on, or
        # scheduled: nobody else may change it now, and that includes its review date.
        messages.error(
            request,
            format_html(
                "'{}' is locked, so its review cannot be confirmed now. {}",
                obj,
                lock.get_message(request.user),
            ),
        )
        return redirect(next_url)
    if request.method == "POST":
        confirm_reviewed(obj, request.user)
        messages.success(
            request,
            f"'{obj}' is marked as reviewed today. Next review due "
            f"{date_format(obj.next_review_due, 'j F Y')}.",
        )
        return redirect(next_url)
    return TemplateResponse(
        request,
        "editorial/confirm_reviewed.html",
        {"object": obj, "next_url": next_url, "edit_url": edit_url},
    )


@require_http_methods(["GET", "POST"])
def confirm_page_reviewed(request, page_id):
    """Confirm a page's advice is still correct: ask on GET, record it on POST."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ContentReviewMixin):
        raise PermissionDenied
    can_edit = page.permissions_for_user(request.user).can_edit()
    return _confirm_view(
        request, page, can_edit, reverse("wagtailadmin_pages:edit", args=[page.pk])
    )


@require_http_methods(["GET", "POST"])
def confirm_resource_reviewed(request, pk):
    """Confirm a resource is still correct: ask on GET, record it on POST."""
    resource = get_object_or_404(Resource, pk=pk)
    can_edit = request.user.has_perm("resources.change_resource")
    return _confirm_view(
        request,
        resource,
        can_edit,
        reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
    )
