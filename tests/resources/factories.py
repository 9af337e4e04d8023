"""Factories for resources, so tests build libraries of any size without fixtures."""

import factory

from resources.models import Format, Resource


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
