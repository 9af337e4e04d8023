from django.apps import AppConfig


class LaunchConfig(AppConfig):
    """The launch content: the client's copy as data, loaded once into every app's models."""

    name = "launch"
    verbose_name = "Launch content"
