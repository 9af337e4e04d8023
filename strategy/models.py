"""The strategy overview, its four workstreams, and plain pages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from protecting_babies.blocks import RICH_TEXT_FEATURES, BodyBlock
from protecting_babies.models import ContentReviewMixin


class BasePage(ContentReviewMixin, Page):
    """What every page of this site shares: review dates and the review panels."""

    settings_panels = Page.settings_panels + ContentReviewMixin.review_panels

    class Meta:
        abstract = True


class StrategyPage(BasePage):
    """The Protecting Babies strategy: why it exists, its questions and its four themes."""

    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="Why the strategy exists: the first thing every visitor reads.",
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="The questions and aims, after the intro."
    )
    themes_heading = models.CharField(
        max_length=120,
        default="The four workstreams",
        help_text="Heading above the cards that link to each workstream page.",
    )
    strategy_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The strategy document to download. While empty, the page says it is not "
        "available yet.",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "strategy.WorkstreamPage",
        "resources.ResourceIndexPage",
        "strategy.StandardPage",
    ]
    max_count = 1
    template = "pages/strategy_page.html"
    page_description = "The home page: the strategy overview. There is only one."

    content_panels = [ContentReviewMixin.missing_information_panel, *Page.content_panels] + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("themes_heading"),
        FieldPanel("strategy_document"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "strategy overview page"

    def get_context(self, request, *args, **kwargs):
        from protecting_babies.chrome import get_site_chrome

        context = super().get_context(request, *args, **kwargs)
        context["workstreams"] = get_site_chrome(request)["workstreams"]
        return context


class WorkstreamPageForm(WagtailAdminPageForm):
    """Checks that no other workstream under the same overview has the same number."""

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        parent = getattr(self, "parent_page", None)
        if number and parent is not None:
            siblings = WorkstreamPage.objects.child_of(parent).exclude(pk=self.instance.pk)
            if siblings.filter(number=number).exists():
                self.add_error(
                    "number", f"Workstream {number} already exists. Choose another number."
                )
        return cleaned_data


class WorkstreamPage(BasePage):
    """One of the strategy's four workstreams, with the resources tagged with it."""

    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text="The workstream's number in the strategy; cards are shown in this order.",
    )
    summary = models.CharField(
        max_length=200,
        help_text="One line for the workstream's card on the home page.",
    )
    body = StreamField(BodyBlock(), blank=True)

    parent_page_types = ["strategy.StrategyPage"]
    subpage_types = []
    template = "pages/workstream_page.html"
    base_form_class = WorkstreamPageForm
    page_description = "One of the strategy's workstreams. Lives under the home page."

    content_panels = [ContentReviewMixin.missing_information_panel, *Page.content_panels] + [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "workstream page"

    def get_context(self, request, *args, **kwargs):
        from resources.models import Resource

        context = super().get_context(request, *args, **kwargs)
        context["resources"] = Resource.objects.for_listing().filter(workstreams=self)
        return context


class StandardPage(BasePage):
    """A plain page: the accessibility statement, the privacy notice, staying safe online."""

    summary = models.CharField(
        max_length=255, blank=True, help_text="Optional lead paragraph under the title."
    )
    body = StreamField(BodyBlock(), blank=True)

    parent_page_types = ["strategy.StrategyPage", "strategy.StandardPage"]
    subpage_types = ["strategy.StandardPage"]
    template = "pages/standard_page.html"
    page_description = "A plain page, such as the accessibility statement or privacy notice."

    content_panels = [ContentReviewMixin.missing_information_panel, *Page.content_panels] + [
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = "standard page"
