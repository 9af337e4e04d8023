"""Factories for every app's content, so a test builds what it needs instead of loading the
client's launch copy (tests/launch/ keeps the launch copy's own tests).

`build_site()` gives a test a site of its own: a published home page (the strategy overview)
as the default site's root, with the helpline. The launch copy may still be in the database
(it is loaded once per test session), but nothing on a site built here reaches it; only what
looks at the whole database (site search, the library's workstream filter) sees both, so their
tests keep to the launch copy.
Each app's factories are below, under its name."""

import factory
import wagtail_factories
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from core.dates import uk_today
from editorial.roles import setup_editorial_workflow
from feedback.models import PageFeedback
from helpline.models import HelplineSettings
from parents.models import AdvicePage, ParentsIndexPage
from resources.choices import Format
from resources.models import Resource, ResourceIndexPage
from strategy.models import StandardPage, StrategyPage, WorkstreamPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page under `parent=`: published (live) through a revision, as an editor's would be,
    or left a draft with `live=False`."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def revision(self, create, extracted, **kwargs):
        if create:
            revision = self.save_revision()
            if self.live:
                revision.publish()
            # What publishing saved (the live revision, its date), not the object as built.
            self.refresh_from_db()


# --- the core (protecting_babies) -------------------------------------------------------


class HelplineSettingsFactory(factory.django.DjangoModelFactory):
    """The helpline as the client's copy gives it (launch/launch_content.json)."""

    class Meta:
        model = HelplineSettings
        django_get_or_create = ("site",)

    heading = "Help and advice with your baby"
    phone_display = "0300 300 0123"
    phone_dial = "+443003000123"
    text_display = "07520 631 590"
    text_number = "+447520631590"
    website_label = "Just One Norfolk"
    website_url = "https://www.justonenorfolk.nhs.uk"
    emergency_message = "If a baby is in immediate danger, call 999."


def build_site(**home):
    """A site of the test's own: a new home page (fields from `home`) as the default site's
    root, its helpline set, the editorial roles and the sign-off workflow as the migrations
    make them. Works on the launch copy's database and on an emptied one (a live server test
    empties it), where Wagtail's root page and collection are made again."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", draft_title="Root")
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = StrategyPageFactory(parent=root, **home)
    site.site_name = "Protecting Babies"
    site.save()
    HelplineSettingsFactory(site=site)
    setup_editorial_workflow()
    # Read again: the home page as built remembers the sites as they were before it was the
    # root of one (Wagtail keeps them on the page), and so would have no address.
    return Site.objects.get(pk=site.pk)


# --- strategy ----------------------------------------------------------------------------


class StrategyPageFactory(PublishedPageFactory):
    """The home page: the strategy overview. Give it `parent=` (build_site() does)."""

    class Meta:
        model = StrategyPage
        skip_postgeneration_save = True

    title = "Protecting Babies"
    slug = factory.Sequence(lambda n: f"home-{n}")
    search_description = "The home page of a site a test built."
    intro = "<p>Why the strategy exists.</p>"


class WorkstreamPageFactory(PublishedPageFactory):
    class Meta:
        model = WorkstreamPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Workstream {n:04d}")
    number = factory.Sequence(lambda n: n % 9 + 1)
    summary = factory.LazyAttribute(lambda page: f"What {page.title} is about.")


class StandardPageFactory(PublishedPageFactory):
    """A plain page under `parent=`: published (live) through a revision, or left a draft."""

    class Meta:
        model = StandardPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Page {n:04d}")
    summary = ""


# --- resources ---------------------------------------------------------------------------


class ResourceIndexPageFactory(PublishedPageFactory):
    """The library, under the home page."""

    class Meta:
        model = ResourceIndexPage
        skip_postgeneration_save = True

    title = "Useful resources"
    slug = "useful-resources"


class ResourceFactory(factory.django.DjangoModelFactory):
    """A live resource on another website, for parents."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n:04d}")
    description = factory.Faker("sentence", nb_words=12)
    format = Format.GUIDE
    for_parents = True
    for_professionals = False
    external_url = factory.Sequence(lambda n: f"https://example.org/resource-{n}")
    live = True

    @factory.post_generation
    def workstreams(self, create, extracted, **kwargs):
        if create and extracted:
            self.workstreams.set(extracted)
            self.save()


# --- parents -----------------------------------------------------------------------------


class ParentsIndexPageFactory(PublishedPageFactory):
    """The parents' section, under the home page."""

    class Meta:
        model = ParentsIndexPage
        skip_postgeneration_save = True

    title = "For parents and carers"
    slug = "for-parents-and-carers"
    intro = "Advice for parents and carers of babies."


class AdvicePageFactory(PublishedPageFactory):
    """An advice page under the parents' section, with one key message and one source (test
    wording, not advice: the real advice is the client's, in the launch copy)."""

    class Meta:
        model = AdvicePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Advice {n:04d}")
    summary = factory.LazyAttribute(lambda page: f"A summary of {page.title}.")
    key_messages = factory.LazyAttribute(lambda page: [("message", f"The key to {page.title}.")])
    sources = factory.LazyFunction(
        lambda: [
            (
                "source",
                {"organisation": "A source", "title": "Its page", "url": "https://example.org/"},
            )
        ]
    )


def build_advice_page(site, **fields):
    """An advice page in the site's parents' section, which is made the first time."""
    home = site.root_page
    section = ParentsIndexPage.objects.child_of(home).first()
    return AdvicePageFactory(parent=section or ParentsIndexPageFactory(parent=home), **fields)


# --- feedback ----------------------------------------------------------------------------


class PageFeedbackFactory(factory.django.DjangoModelFactory):
    """A visitor's answer to "Is this page useful?" on `page=`, today (a UK day)."""

    class Meta:
        model = PageFeedback

    useful = True
    created_on = factory.LazyFunction(uk_today)
