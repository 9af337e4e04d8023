from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The anonymous page cache: pages kept, purged when what they show changes, rendered
    again at once; and the circuit breaker every cache of Redis shares."""

    name = "caching"
    verbose_name = "Page cache"

    def ready(self):
        # Both read models, so they are imported once the models are loaded.
        from caching import checks, signals, warm  # noqa: F401, PLC0415

        signals.connect()
        warm.connect()
