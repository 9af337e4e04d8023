from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Content review: what is due, the report, "Confirm reviewed", the owners' reminders."""

    name = "editorial"
    verbose_name = "Content review"
