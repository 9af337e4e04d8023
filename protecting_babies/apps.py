from django.apps import AppConfig


class ProtectingBabiesConfig(AppConfig):
    """The core: site settings, the base page, shared blocks, uploads, health and error pages."""

    name = "protecting_babies"
    verbose_name = "Protecting Babies"

    def ready(self):
        # System checks register themselves when imported; they read models, so not before.
        from protecting_babies import checks  # noqa: F401, PLC0415
