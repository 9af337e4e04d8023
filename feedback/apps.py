from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """ "Is this page useful?": answers from visitors, kept without anything about them."""

    name = "feedback"
    verbose_name = "Page feedback"

    def ready(self):
        # The handlers read models, so they are imported once the models are loaded.
        from feedback import signals  # noqa: PLC0415

        signals.connect()
