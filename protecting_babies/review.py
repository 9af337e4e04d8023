"""Content review: what is overdue or due soon, the admin report, and "Confirm reviewed".

Only live pages and resources are counted: they are what visitors read. Content that has never
been reviewed (no "last reviewed" date) counts as overdue.
"""

import datetime
from dataclasses import dataclass

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log
from wagtail.models import Page, get_page_models

from protecting_babies.models import ContentReviewMixin

DUE_SOON_DAYS = 30
OVERDUE = "overdue"
DUE_SOON = "due-soon"
STATUS_CHOICES = [(OVERDUE, "Overdue"), (DUE_SOON, f"Due within {DUE_SOON_DAYS} days")]
CONFIRM_ACTION = "protecting_babies.confirm_reviewed"


@dataclass
class ReviewItem:
    """One page or resource whose review is overdue or due soon, as the report shows it."""

    obj: ContentReviewMixin
    kind: str
    status: str
    edit_url: str
    confirm_url: str

    @property
    def title(self):
        return self.obj.title

    @property
    def owner(self):
        return self.obj.review_owner

    @property
    def owner_name(self):
        owner = self.obj.review_owner
        return (owner.get_full_name() or owner.get_username()) if owner else ""

    @property
    def last_reviewed(self):
        return self.obj.last_reviewed

    @property
    def next_review_due(self):
        return self.obj.next_review_due

    @property
    def status_label(self):
        if self.status == DUE_SOON:
            return "Due soon"
        return "Overdue" if self.obj.last_reviewed else "Overdue (never reviewed)"


def review_status(obj, today=None):
    """OVERDUE, DUE_SOON or None for one page or resource."""
    today = today or timezone.localdate()
    due = obj.next_review_due
    if due is None or due < today:
        return OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return None


def review_page_models():
    """Every page type that has review dates."""
    return [model for model in get_page_models() if issubclass(model, ContentReviewMixin)]


def items_due(today=None):
    """Live pages and resources that are overdue or due within 30 days, most urgent first."""
    from resources.models import Resource

    today = today or timezone.localdate()
    items = []
    for model in review_page_models():
        pages = model.objects.live().select_related("review_owner").defer_streamfields()
        for page in pages:
            status = review_status(page, today)
            if status:
                items.append(
                    ReviewItem(
                        obj=page,
                        kind="Page",
                        status=status,
                        edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                        confirm_url=reverse("review_confirm_page", args=[page.pk]),
                    )
                )
    for resource in Resource.objects.live().select_related("review_owner"):
        status = review_status(resource, today)
        if status:
            items.append(
                ReviewItem(
                    obj=resource,
                    kind="Resource",
                    status=status,
                    edit_url=reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
                    confirm_url=reverse("review_confirm_resource", args=[resource.pk]),
                )
            )
    items.sort(key=lambda item: (item.next_review_due or datetime.date.min, item.title))
    return items


def review_counts(today=None):
    """How many live items are overdue and how many are due soon."""
    items = items_due(today)
    overdue = sum(1 for item in items if item.status == OVERDUE)
    return {"overdue": overdue, "due_soon": len(items) - overdue}


def user_can_see_reviews(user):
    """Editors, leads and superusers: anyone who can edit pages or resources."""
    from wagtail.permissions import page_permission_policy

    return user.is_active and (
        page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])
        or user.has_perm("resources.change_resource")
    )


class ReviewFilterSet(WagtailFilterSet):
    """Filters for the review report; they work on a list of items, not a queryset."""

    status = django_filters.ChoiceFilter(label="Status", choices=STATUS_CHOICES)
    owner = django_filters.ModelChoiceFilter(
        label="Owner",
        queryset=lambda request: (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("first_name", "last_name", "username")
        ),
        null_label="No owner",
    )

    def filter_queryset(self, queryset):
        items = list(queryset)
        status = self.form.cleaned_data.get("status")
        owner = self.form.cleaned_data.get("owner")
        if status:
            items = [item for item in items if item.status == status]
        if owner == "null":
            items = [item for item in items if item.obj.review_owner_id is None]
        elif owner:
            items = [item for item in items if item.obj.review_owner_id == owner.pk]
        return items


class ContentDueForReviewView(ReportView):
    """The "Content due for review" report, with CSV and XLSX downloads."""

    page_title = "Content due for review"
    header_icon = "time"
    results_template_name = "protecting_babies/admin/review_report_results.html"
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


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def confirm_reviewed(obj, user, today=None):
    """Set last_reviewed to today on the live row and the latest revision, and nothing else.

    A queryset update leaves every other field (and any unpublished draft) alone, and changes
    no publishing state; the latest revision gets the same date so that publishing a draft
    later does not put the old date back.
    """
    today = today or timezone.localdate()
    model = type(obj)
    with transaction.atomic():
        model.objects.filter(pk=obj.pk).update(last_reviewed=today)
        revision = obj.latest_revision
        if revision is not None and isinstance(revision.content, dict):
            revision.content["last_reviewed"] = today.isoformat()
            revision.save(update_fields=["content"])
        log(instance=obj, action=CONFIRM_ACTION, user=user)
        if isinstance(obj, Page):
            _purge_cached_copy(obj)
    obj.last_reviewed = today
    return obj


def _purge_cached_copy(page):
    """Purge cached public copies: a queryset update sends no signal the page cache hears."""
    from protecting_babies.cache import purge_paths

    parts = page.get_url_parts()
    if parts and parts[2]:
        transaction.on_commit(lambda: purge_paths([parts[2]]))


def _confirm_view(request, obj, can_edit, edit_url):
    if not can_edit:
        raise PermissionDenied
    next_url = _safe_next(request, edit_url)
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
        "protecting_babies/admin/confirm_reviewed.html",
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
    from resources.models import Resource

    resource = get_object_or_404(Resource, pk=pk)
    can_edit = request.user.has_perm("resources.change_resource")
    return _confirm_view(
        request,
        resource,
        can_edit,
        reverse("wagtailsnippets_resources_resource:edit", args=[resource.pk]),
    )
