from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The library of resources for parents and professionals."""

    name = "resources"
