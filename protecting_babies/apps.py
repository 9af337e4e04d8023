from django.apps import AppConfig


class ProtectingBabiesConfig(AppConfig):
    """The site-wide pieces: helpline setting, shared blocks, health checks, error pages."""

    name = "protecting_babies"
    verbose_name = "Protecting Babies"

    def ready(self):
        from protecting_babies import chrome  # noqa: F401  (connects the signal handlers)
        from protecting_babies.cache import connect_signals

        connect_signals()
