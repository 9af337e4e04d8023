"""The strategy overview, its four workstreams, and plain pages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import BasePage, page_search_fields, public_pages
from strategy.blocks import TaskLinkBlock
from strategy.forms import WorkstreamPageForm


class StrategyPage(BasePage):
    """The Protecting Babies strategy: why it exists, its questions and its four themes."""

    parents_heading = models.CharField(
        max_length=120,
        default="Help with your baby",
        help_text="Above the parents' top tasks, which a phone shows first.",
    )
    parent_tasks = StreamField(
        [("task", TaskLinkBlock())],
        blank=True,
        max_num=4,
        help_text="The parents' top tasks (safer sleep, a crying baby, get help now), shown "
        "first with the helpline.",
    )
    professionals_link = models.CharField(
        max_length=120,
        default="I work with babies and families",
        help_text="The way in for professionals: a link down to the strategy.",
    )
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="Why the strategy exists: the first thing professionals read.",
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
        "parents.ParentsIndexPage",
        "strategy.WorkstreamPage",
        "resources.ResourceIndexPage",
        "strategy.StandardPage",
    ]
    max_count = 1
    template = "pages/strategy_page.html"
    page_description = "The home page: the strategy overview. There is only one."

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("parents_heading"), FieldPanel("parent_tasks")],
            heading="For parents, first",
        ),
        FieldPanel("professionals_link"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("themes_heading"),
        FieldPanel("strategy_document"),
    ]
    search_fields = page_search_fields("intro", "body")

    class Meta:
        verbose_name = "strategy overview page"


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

    content_panels = BasePage.content_panels + [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = page_search_fields("summary", "body", summary=2)

    class Meta:
        verbose_name = "workstream page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The library's resources tagged with this workstream (Resource.workstreams), and the
        # parents' advice that carries its message (AdvicePage.workstreams); none yet in the
        # preview of a page never saved. Lazy, as every page's listings: not even built unless the
        # page is rendered (it is not when it is kept: caching/fragments.py).
        context["resources"] = SimpleLazyObject(
            lambda: list(self.resources.for_listing()) if self.pk else []
        )
        context["advice_pages"] = SimpleLazyObject(
            lambda: list(public_pages(self.advice_pages.live()).order_by("path")) if self.pk else []
        )
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

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = page_search_fields("summary", "body")

    class Meta:
        verbose_name = "standard page"
