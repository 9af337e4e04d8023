"""The library of resources: the snippet editors keep, and the page that lists it."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
    WorkflowState,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.admin_forms import ReviewedSnippetForm
from core.models import (
    PAGE_NUMBER,
    BasePage,
    ContentReviewMixin,
    page_search_fields,
    scheduling_panel,
)
from core.panels import NoticePanel
from resources.choices import Audience, Format
from resources.filters import ResourceFilter
from strategy.models import WorkstreamPage


class ResourceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def for_listing(self):
        """Live resources with everything a listing shows, in a fixed number of queries."""
        return self.live().select_related("document", "page").order_by("title", "pk")


def chosen_document(resource):
    """The document the resource's saved version points to, for its form (None if none)."""
    return resource.document if resource.document_id else None


class Resource(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ContentReviewMixin,
    index.Indexed,
    ClusterableModel,
):
    """A programme, guide, website, video, leaflet, briefing or course for parents or staff."""

    title = models.CharField(max_length=200)
    description = models.TextField(
        max_length=600, help_text="Two or three plain sentences: what it is and who it helps."
    )
    for_parents = models.BooleanField(
        "for parents and carers", default=False, help_text="Useful to parents and carers."
    )
    for_professionals = models.BooleanField(
        default=False, help_text="Useful to professionals who work with families."
    )
    workstreams = ParentalManyToManyField(
        "strategy.WorkstreamPage",
        blank=True,
        related_name="resources",
        help_text="The workstream pages that list this resource.",
    )
    format = models.CharField(max_length=20, choices=Format.choices)
    external_url = models.URLField(
        "website address", blank=True, help_text="For a resource on another website."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a document uploaded to this site.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a page of this website.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="resource")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="resource",
        for_concrete_model=False,
    )

    objects = ResourceQuerySet.as_manager()

    base_form_class = ReviewedSnippetForm  # only a lead sets "last reviewed"
    panels = [
        *ContentReviewMixin.notice_panels,
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("for_parents"), FieldPanel("for_professionals")],
            heading="Who is it for?",
        ),
        FieldPanel("workstreams", widget=forms.CheckboxSelectMultiple),
        FieldPanel("format"),
        MultiFieldPanel(
            [
                FieldPanel("external_url"),
                FieldPanel("document"),
                # The file itself, to open and read (the chooser shows only its title).
                NoticePanel(
                    notice=chosen_document,
                    template="components/admin/chosen_document_panel.html",
                    heading="The document",
                ),
                FieldPanel("page"),
            ],
            heading="Where it is (exactly one)",
            help_text="Give a website address, a document, or a page of this site: only one.",
        ),
        *ContentReviewMixin.review_panels,
        scheduling_panel(),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.AutocompleteField("description"),
        index.FilterField("live"),
        index.FilterField("format"),
        index.FilterField("for_parents"),
        index.FilterField("for_professionals"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        targets = [t for t in (self.external_url, self.document_id, self.page_id) if t]
        if len(targets) != 1:
            message = (
                "Choose where the resource is: a website address, a document or a page."
                if not targets
                else "Choose only one of a website address, a document or a page."
            )
            raise ValidationError({"external_url": message})
        if not (self.for_parents or self.for_professionals):
            raise ValidationError(
                {
                    "for_parents": "Choose who the resource is for: parents and carers, "
                    "professionals, or both."
                }
            )

    def with_content_json(self, content):
        # Wagtail's RevisionMixin comes before ContentReviewMixin here and does not call on:
        # the review data still comes from the live row.
        return self.keep_review_data(super().with_content_json(content))

    @property
    def revisions(self):
        return self._revisions

    @property
    def audiences(self):
        """The audience labels, in a fixed order."""
        return [
            label
            for flag, label in (
                (self.for_parents, Audience.PARENTS.label),
                (self.for_professionals, Audience.PROFESSIONALS.label),
            )
            if flag
        ]

    @property
    def is_external(self):
        return bool(self.external_url)

    def pages_shown_on(self):
        """The pages that list this resource as saved now: the library, and the workstream pages
        it is on. The page cache (caching/signals.py) purges them when it changes; the pages
        that choose it, and the resources that point to a page, it finds in Wagtail's reference
        index."""
        pages = list(ResourceIndexPage.objects.all())
        if self.pk:
            listed_on = Resource.workstreams.through.objects.filter(resource_id=self.pk)
            pages += WorkstreamPage.objects.filter(pk__in=listed_on.values("workstreampage_id"))
        return pages

    def get_target_url(self, request=None):
        """Where the resource's link goes, or "" when its target is no longer available."""
        if self.external_url:
            return self.external_url
        if self.document_id:
            return self.document.url
        if self.page_id and self.page.live:
            return self.page.get_url(request) or ""
        return ""

    @property
    def missing_information_flag(self):
        """For the admin listing: whether something still has to be added."""
        return "Incomplete" if self.missing_information else ""

    @property
    def sign_off_status(self):
        """For the admin listing: where it stands. The listing annotates `sign_off` (the status
        of its workflow in progress, if any) and `is_scheduled`, so that this costs no query per
        row (resources/wagtail_hooks.py)."""
        if hasattr(self, "sign_off"):
            sign_off, scheduled = self.sign_off, self.is_scheduled
        else:
            state = self.current_workflow_state
            sign_off, scheduled = (state.status if state else None), self.approved_schedule
        if sign_off == WorkflowState.STATUS_IN_PROGRESS:
            return "Waiting for sign-off"
        if sign_off == WorkflowState.STATUS_NEEDS_CHANGES:
            return "Changes requested"
        if scheduled:
            return "Scheduled"
        if not self.live:
            return "Draft"
        return "Live, with a draft" if self.has_unpublished_changes else "Live"

    def get_preview_template(self, request, mode_name):
        return "pages/resource_preview.html"


class ResourceIndexPage(BasePage):
    """The library: every live resource, filterable by audience, workstream and format."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    per_page = models.PositiveSmallIntegerField(
        "resources per page", default=20, help_text="How many resources each page lists."
    )

    parent_page_types = ["strategy.StrategyPage"]
    subpage_types = []
    max_count = 1
    template = "pages/resource_index_page.html"
    page_description = "The resource library, with filters. There is only one."

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    settings_panels = BasePage.settings_panels + [FieldPanel("per_page")]
    search_fields = page_search_fields("intro")

    class Meta:
        verbose_name = "resource library page"

    def query_parameters(self):
        """The library reads its filters and the page number; nothing else reaches it."""
        return {
            "audience": set(Audience.values),
            "format": set(Format.values),
            "workstream": set(WorkstreamPage.objects.live().values_list("slug", flat=True)),
            "page": PAGE_NUMBER,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: nothing is asked of the database unless the page is rendered (it is not
        # when it is kept: caching/fragments.py).
        resource_filter = SimpleLazyObject(lambda: ResourceFilter(request.GET))
        page_obj = SimpleLazyObject(
            lambda: Paginator(
                resource_filter.apply(Resource.objects.for_listing()), self.per_page
            ).get_page(request.GET.get("page"))
        )
        context.update(
            resource_filter=resource_filter,
            page_obj=page_obj,
            resources=SimpleLazyObject(lambda: page_obj.object_list),
            page_query=SimpleLazyObject(lambda: resource_filter.query_string()),
        )
        return context
