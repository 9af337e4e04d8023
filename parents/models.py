"""The parents' section: "For parents and carers" and its advice pages."""

from django import forms
from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import StreamField

from core.models import BasePage, page_search_fields
from parents.blocks import TOOL_BLOCKS, AdviceBodyBlock, SourceBlock
from parents.readability import readability, stream_text


class ParentsIndexPage(BasePage):
    """ "For parents and carers": the way in to every advice page."""

    intro = models.TextField(
        max_length=400,
        help_text="Two or three short sentences for parents: what they will find here.",
    )

    parent_page_types = ["strategy.StrategyPage"]
    subpage_types = ["parents.AdvicePage"]
    max_count = 1
    template = "pages/parents_index_page.html"
    page_description = "The parents' section, with its advice pages under it. There is only one."

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = page_search_fields("intro")

    class Meta:
        verbose_name = "parents' section page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy, as every page's listings: nothing is asked of the database unless the page is
        # rendered (it is not when it is kept: caching/fragments.py).
        context["advice_pages"] = SimpleLazyObject(
            lambda: list(AdvicePage.objects.child_of(self).live().public().defer_streamfields())
        )
        return context


class AdvicePage(BasePage):
    """Advice for parents a tired reader can scan on a phone: key messages first, then do and
    don't lists, danger signs, the helpline and tools; its sources at the end."""

    summary = models.CharField(
        max_length=200,
        help_text="One or two short sentences under the title, and on the page's card.",
    )
    key_messages = StreamField(
        [("message", blocks.CharBlock(max_length=200, label="Message"))],
        min_num=1,
        max_num=6,
        help_text="The few things every parent must take away, one short sentence each. "
        "Shown first, as a list.",
    )
    body = StreamField(AdviceBodyBlock(), blank=True)
    sources = StreamField(
        [("source", SourceBlock())],
        min_num=1,
        help_text="Where the advice comes from: only the national messages and the "
        "partnership's own copy. Shown at the end of the page.",
    )
    workstreams = ParentalManyToManyField(
        "strategy.WorkstreamPage",
        blank=True,
        related_name="advice_pages",
        help_text="The strategy's workstreams this advice carries to families: each links to "
        "this page under 'What we tell families', and this page links to them for "
        "professionals.",
    )

    parent_page_types = ["parents.ParentsIndexPage"]
    subpage_types = []
    template = "pages/advice_page.html"
    page_description = "Advice for parents and carers, in plain English."

    # The reading age, worked out from what is on the form when it was last saved.
    readability_panel = HelpPanel(
        template="parents/admin/readability_panel.html", heading="Reading age"
    )
    content_panels = BasePage.content_panels + [
        readability_panel,
        FieldPanel("summary"),
        FieldPanel("key_messages"),
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldPanel("workstreams", widget=forms.CheckboxSelectMultiple),
    ]
    # The description for search engines carries the words parents type ("co-sleeping", "bed
    # sharing", "won't stop crying"), so site search weighs it like the summary.
    search_fields = page_search_fields(
        "summary",
        "key_messages",
        "search_description",
        "body",
        summary=2,
        key_messages=2,
        search_description=2,
    )

    class Meta:
        verbose_name = "advice page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # For professionals: the live workstreams this advice belongs to. (In a preview the
        # relation holds the form's choices, not a queryset, so it is filtered here.)
        context["workstreams"] = SimpleLazyObject(
            lambda: sorted(
                (page for page in self.workstreams.all() if page.live),
                key=lambda page: page.number,
            )
        )
        context["sources"] = SimpleLazyObject(self.public_sources)
        return context

    def public_sources(self):
        """The sources a parent and a lead can check: each with its title and web address. A
        source still without an address stays in the admin (and under "Still missing") and is
        never cited on the page."""
        return [source.value for source in self.sources if source.value.get("url")]

    @property
    def has_tools(self):
        """Whether the page has a tool a parent types into (the page then says nothing is kept)."""
        # From the stored blocks' types: no block is built, so no chosen page or resource is
        # fetched.
        return any(block["type"] in TOOL_BLOCKS for block in self.body.raw_data)

    def readability(self):
        """How hard the page is to read (parents/readability.py)."""
        sentences = [self.summary, *stream_text(self.key_messages), *stream_text(self.body)]
        return readability(sentences)
