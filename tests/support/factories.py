"""Factories for pages and resources, so tests build content of any size without fixtures."""

import factory
import wagtail_factories

from resources.choices import Format
from resources.models import Resource
from strategy.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    """A plain page under `parent=`: published (live) through a revision, or left a draft."""

    class Meta:
        model = StandardPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Page {n:04d}")
    summary = ""

    @factory.post_generation
    def revision(self, create, extracted, **kwargs):
        if create:
            revision = self.save_revision()
            if self.live:
                revision.publish()


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
