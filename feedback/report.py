"""The admin's "Page feedback" report: per page, how many said it was useful and how many did
not over a chosen period; the comments, newest first, with the ones that may be disclosures at
the top; downloads; one answer on a page of its own (where the leads' emails link to), with a
lead's "Mark dealt with" (saying what was done) and "Delete" (both logged); and what the
dashboard and the menu say while possible disclosures wait for a lead."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.models import Page

from core.exports import ExcelFriendlyCSVMixin
from core.http import safe_next_url
from feedback.models import PageFeedback

DEALT_WITH_ACTION = "feedback.dealt_with"
DELETE_ACTION = "feedback.delete"
ANSWERS = [("no", "Not useful"), ("yes", "Useful")]
# The dashboard lists at most this many open possible disclosures, then "and N more".
LISTED_ON_DASHBOARD = 10
MAX_NOTE = 2000


def can_read(user):
    return user.is_active and user.has_perm("feedback.view_pagefeedback")


def can_deal_with(user):
    return user.has_perm("feedback.change_pagefeedback")


def can_delete(user):
    return user.has_perm("feedback.delete_pagefeedback")


def needing_a_lead(request):
    """How many possible disclosures wait for a lead, for the menu and the dashboard of someone
    who reads feedback (0 for anyone else): one query, once per request."""
    if not hasattr(request, "_possible_disclosures"):
        waiting = PageFeedback.objects.needing_a_lead()
        request._possible_disclosures = waiting.count() if can_read(request.user) else 0
    return request._possible_disclosures


def oldest_needing_a_lead():
    """The first few waiting longest, for the dashboard's list."""
    waiting = PageFeedback.objects.needing_a_lead().select_related("page")
    return list(waiting.order_by("created_on", "pk")[:LISTED_ON_DASHBOARD])


def needing_a_lead_label(count):
    """ "1 possible disclosure needs a lead", "3 possible disclosures need a lead"."""
    if count == 1:
        return "1 possible disclosure needs a lead"
    return f"{count} possible disclosures need a lead"


class DealtWithForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example who was told, and when, under the safeguarding procedures. "
        "Safeguarding leads read it; editors see only that it was dealt with.",
        error_messages={
            "required": "Say what was done, so the next lead who reads it knows.",
            "max_length": f"Keep it to {MAX_NOTE} characters (this has %(show_value)d).",
        },
    )


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
        lead_first = Case(
            When(flagged=True, dealt_with=False, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            PageFeedback.objects.select_related("page", "dealt_with_by")
            .annotate(lead_first=lead_first)
            .order_by("lead_first", "-created_on", "-pk")
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


@require_GET
def answer(request, pk):
    """One answer on a page of its own (the leads' emails link here), with the form a lead
    uses to mark it dealt with."""
    if not can_read(request.user):
        raise PermissionDenied
    feedback = get_object_or_404(
        PageFeedback.objects.select_related("page", "dealt_with_by"), pk=pk
    )
    return _answer_page(request, feedback, DealtWithForm())


def _answer_page(request, feedback, form):
    context = {
        "feedback": feedback,
        "form": form,
        "can_deal_with": can_deal_with(request.user),
        "can_delete": can_delete(request.user),
        "next_url": safe_next_url(request, reverse("feedback_report")),
    }
    return TemplateResponse(request, "feedback/admin/answer.html", context)


@require_POST
def mark_dealt_with(request, pk):
    """A lead records that an answer has been dealt with, and what was done (or, to undo, that
    it has not)."""
    if not can_deal_with(request.user):
        raise PermissionDenied
    feedback = get_object_or_404(PageFeedback.objects.select_related("page"), pk=pk)
    undo = request.POST.get("dealt_with") == "no"
    note = ""
    if not undo:
        form = DealtWithForm(request.POST)
        if not form.is_valid():
            return _answer_page(request, feedback, form)
        note = form.cleaned_data["note"]
    feedback.dealt_with = not undo
    feedback.dealt_with_by = None if undo else request.user
    feedback.dealt_with_at = None if undo else timezone.now()
    feedback.dealt_with_note = note
    feedback.save(update_fields=["dealt_with", "dealt_with_by", "dealt_with_at", "dealt_with_note"])
    log(
        instance=feedback,
        action=DEALT_WITH_ACTION,
        user=request.user,
        data={"dealt_with": not undo, "note": note},
    )
    state = "not dealt with yet" if undo else "dealt with"
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
