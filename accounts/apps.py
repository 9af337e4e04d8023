from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Admin sign-in: two-factor (TOTP and recovery codes), budgets and the lockout page."""

    name = "accounts"
    verbose_name = "Admin sign-in"

    def ready(self):
        # The handlers read models, so they are imported once the models are loaded.
        from accounts import signals  # noqa: PLC0415

        signals.connect()
