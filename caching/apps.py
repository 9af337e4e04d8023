from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The anonymous page cache, the site chrome, and the circuit breaker they share."""

    name = "caching"
    verbose_name = "Page cache"

    def ready(self):
        # Both read models, so they are imported once the models are loaded.
        from caching import checks, signals, warm  # noqa: F401, PLC0415

        signals.connect()
        warm.connect()
