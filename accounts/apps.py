from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Admin sign-in: two-factor (TOTP and recovery codes) and the sign-in lockout page."""

    name = "accounts"
    verbose_name = "Admin sign-in"
