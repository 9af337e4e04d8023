from django.apps import AppConfig


class ProtectingBabiesConfig(AppConfig):
    """The core: site settings, the base page, shared blocks, uploads, health and error pages."""

    name = "protecting_babies"
    verbose_name = "Protecting Babies"

    def ready(self):
        # System checks register themselves when imported; they read models, so not before.
        from protecting_babies import checks  # noqa: F401, PLC0415

        # Wagtail's admin views, imported with it, cannot be imported before the apps are ready.
        from protecting_babies.compare import separate_paragraphs_in_comparisons  # noqa: PLC0415
        from protecting_babies.exports import neutralise_csv_formulas  # noqa: PLC0415

        neutralise_csv_formulas()
        separate_paragraphs_in_comparisons()
