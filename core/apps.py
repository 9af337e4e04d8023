from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The core: what every page shares (the base page and its review fields, body blocks, SEO,
    the CSP, validators). Its label is the one the core has always had, so its tables, content
    types, permissions and migration history stay as they are."""

    name = "core"
    label = "protecting_babies"
    verbose_name = "Protecting Babies"

    def ready(self):
        # System checks register themselves when imported; they read models, so not before.
        from core import checks  # noqa: F401, PLC0415

        # Wagtail's admin views, imported with it, cannot be imported before the apps are ready.
        from core.compare import separate_paragraphs_in_comparisons  # noqa: PLC0415
        from core.exports import neutralise_csv_formulas  # noqa: PLC0415

        neutralise_csv_formulas()
        separate_paragraphs_in_comparisons()
