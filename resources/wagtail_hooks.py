"""The resource library in the admin: a snippet with filters, search, drafts and the workflow.

The listing says where each resource stands (draft, in sign-off, changes requested,
scheduled, live) and when its review is due, and filters by review status, owner and
workstream (checkboxes)."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.forms import CheckboxSelectMultiple
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.search import SearchArea
from wagtail.admin.ui.tables import Column
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from core.admin_filters import review_owner_filter
from core.models import NOT_DUE, STATUS_CHOICES
from core.sign_off import said_after
from resources.choices import Format
from resources.models import Resource
from strategy.models import WorkstreamPage

REVIEW_CHOICES = [*STATUS_CHOICES, (NOT_DUE, "Not due yet")]


class ResourceFilterSet(WagtailFilterSet):
    format = django_filters.ChoiceFilter(choices=Format.choices)
    review = django_filters.ChoiceFilter(
        label="Review", choices=REVIEW_CHOICES, method="filter_review"
    )
    review_owner = review_owner_filter("Review owner")
    workstreams = django_filters.ModelMultipleChoiceFilter(
        queryset=WorkstreamPage.objects.order_by("number"), widget=CheckboxSelectMultiple
    )

    def filter_review(self, queryset, name, value):
        """Review status is worked out from three fields per row (ContentReviewMixin.review_status),
        so the rows are sorted into it here."""
        fields = ("pk", "last_reviewed", "review_every_months", "first_review_due")
        rows = queryset.select_related(None).only(*fields)
        return queryset.filter(pk__in=[row.pk for row in rows if row.review_status() == value])

    class Meta:
        model = Resource
        fields = ["format", "for_parents", "for_professionals", "workstreams", "live"]


def resources_with_status():
    """The listing's rows, each with the status of its sign-off in progress and whether a
    version is scheduled (Resource.sign_off_status), in two subqueries rather than per row."""
    resource_type = ContentType.objects.get_for_model(Resource)
    key = Cast(OuterRef("pk"), CharField())
    in_progress = WorkflowState.objects.filter(
        base_content_type=resource_type,
        object_id=key,
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    )
    scheduled = Revision.objects.filter(
        base_content_type=resource_type, object_id=key, approved_go_live_at__isnull=False
    )
    return Resource.objects.annotate(
        sign_off=Subquery(in_progress.values("status")[:1]), is_scheduled=Exists(scheduled)
    ).select_related("review_owner")


class ResourceCreateView(CreateView):
    """A new resource sent for sign-off says so in the team's words (sign_off.said_after)."""

    def get_success_message(self, instance=None):
        said = said_after(self.request, "Resource", instance or self.object, created=True)
        return said or super().get_success_message(instance)


class ResourceEditView(EditView):
    """The resource's form: a save that changed nothing says so, not "Resource … updated.";
    sign-off actions are said in the team's words (core.sign_off.said_after)."""

    def get_success_message(self):
        if "action-workflow-action" in self.request.POST:
            return None  # editorial.sign_off says what the approval or request did instead
        said = said_after(self.request, "Resource", self.object)
        if said:
            return said  # sent for sign-off, or taken out: said even when nothing else changed
        if not getattr(self, "has_content_changes", True):
            return f"Nothing changed in '{self.object}': it is as it was."
        return super().get_success_message()


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full-inverse"
    menu_label = "Resources"
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "title",
        "format",
        Column("sign_off_status", label="Status"),
        Column("next_review_due", label="Next review due"),
        Column("missing_information_flag", label="Missing information"),
    ]
    filterset_class = ResourceFilterSet
    ordering = ["title"]
    add_view_class = ResourceCreateView
    edit_view_class = ResourceEditView

    def get_queryset(self, request):
        return resources_with_status()


register_snippet(ResourceViewSet)


class ResourceSearchArea(SearchArea):
    def is_shown(self, request):
        return request.user.has_perm("resources.view_resource") or request.user.has_perm(
            "resources.change_resource"
        )


@hooks.register("register_admin_search_area")
def register_resource_search_area():
    """The admin's search (the sidebar's) offers the resources as well as the pages."""
    return ResourceSearchArea(
        "Resources",
        reverse("wagtailsnippets_resources_resource:list"),
        name="resources",
        icon_name="doc-full-inverse",
        order=150,
    )
