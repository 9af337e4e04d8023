from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    """What a visitor may cost the server: renders, 404s and searches within budgets."""

    name = "budgets"
    verbose_name = "Budgets"

    def ready(self):
        # System checks register themselves when imported.
        from budgets import checks  # noqa: F401, PLC0415
