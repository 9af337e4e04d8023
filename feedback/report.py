"""The admin's "Page feedback" report: per page, how many said it was useful and how many did
not over a chosen period; the comments, newest first, with the ones that may be disclosures at
the top; downloads; and a lead's "Dealt with" and "Delete" (both logged)."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.models import Page

from feedback.models import PageFeedback
from protecting_babies.exports import ExcelFriendlyCSVMixin
from protecting_babies.http import safe_next_url

DEALT_WITH_ACTION = "feedback.dealt_with"
DELETE_ACTION = "feedback.delete"
ANSWERS = [("no", "Not useful"), ("yes", "Useful")]


def can_read(user):
    return user.is_active and user.has_perm("feedback.view_pagefeedback")


def can_deal_with(user):
    return user.has_perm("feedback.change_pagefeedback")


def can_delete(user):
    return user.has_perm("feedback.delete_pagefeedback")


class FeedbackFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label="Page",
        queryset=lambda request: Page.objects.filter(
            pk__in=PageFeedback.objects.values("page_id")
        ).order_by("title"),
    )
    section = django_filters.ModelChoiceFilter(
        label="Section",
        # The parts of the site: the pages right under a home page.
        queryset=lambda request: Page.objects.filter(depth=3).order_by("path"),
        method="filter_section",
    )
    answer = django_filters.ChoiceFilter(label="Answer", choices=ANSWERS, method="filter_answer")
    created_on = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)

    class Meta:
        model = PageFeedback
        fields = ["page", "section", "answer", "created_on"]

    def filter_section(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path)

    def filter_answer(self, queryset, name, value):
        return queryset.filter(useful=value == "yes")


class FeedbackReportView(ExcelFriendlyCSVMixin, ReportView):
    page_title = "Page feedback"
    header_icon = "help"
    results_template_name = "feedback/admin/report_results.html"
    index_url_name = "feedback_report"
    index_results_url_name = "feedback_report_results"
    filterset_class = FeedbackFilterSet
    export_filename = "page-feedback"
    list_export = [
        "created_on",
        "page.title",
        "answer",
        "looking_for",
        "wrong_or_missing",
        "flag_label",
        "status_label",
    ]
    export_headings = {
        "created_on": "Date",
        "page.title": "Page",
        "answer": "Useful?",
        "looking_for": "What were you looking for?",
        "wrong_or_missing": "What was wrong or missing?",
        "flag_label": "Alert words",
        "status_label": "Status",
    }
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_read(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Possible disclosures no lead has dealt with come first, then the newest.
        needs_a_lead = Case(
            When(flagged=True, dealt_with=False, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            PageFeedback.objects.select_related("page", "dealt_with_by")
            .annotate(needs_a_lead=needs_a_lead)
            .order_by("needs_a_lead", "-created_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filtered = self.object_list
        context["summary"] = (
            filtered.order_by()
            .values("page_id", "page__title")
            .annotate(total=Count("pk"), no=Count("pk", filter=Q(useful=False)))
            .order_by("-no", "page__title")
        )
        context["alerts"] = filtered.needing_a_lead().count()
        context["can_deal_with"] = can_deal_with(self.request.user)
        context["can_delete"] = can_delete(self.request.user)
        return context


@require_POST
def mark_dealt_with(request, pk):
    """A lead records that a comment has been dealt with (or not, to undo)."""
    if not can_deal_with(request.user):
        raise PermissionDenied
    feedback = get_object_or_404(PageFeedback, pk=pk)
    feedback.dealt_with = request.POST.get("dealt_with", "yes") == "yes"
    feedback.dealt_with_by = request.user if feedback.dealt_with else None
    feedback.save(update_fields=["dealt_with", "dealt_with_by"])
    log(instance=feedback, action=DEALT_WITH_ACTION, user=request.user)
    state = "dealt with" if feedback.dealt_with else "not dealt with yet"
    messages.success(request, f"The feedback on “{feedback.page.title}” is marked {state}.")
    return redirect(safe_next_url(request, "feedback_report"))


@require_http_methods(["GET", "POST"])
def delete(request, pk):
    """A lead deletes a comment: asked on GET, done (and logged) on POST."""
    if not can_delete(request.user):
        raise PermissionDenied
    feedback = get_object_or_404(PageFeedback.objects.select_related("page"), pk=pk)
    next_url = safe_next_url(request, "feedback_report")
    if request.method == "POST":
        log(instance=feedback, action=DELETE_ACTION, user=request.user)
        title = feedback.page.title
        feedback.delete()
        messages.success(request, f"The feedback on “{title}” is deleted.")
        return redirect(next_url)
    context = {"feedback": feedback, "next_url": next_url}
    return TemplateResponse(request, "feedback/admin/confirm_delete.html", context)
