from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editors' side: content review, sign-off as the team works, the guide."""

    name = "editorial"
    verbose_name = "Content review"

    def ready(self):
        # Signal handlers read models: imported once the apps are loaded.
        from editorial import comments, notifications, refusals  # noqa: PLC0415

        comments.connect()
        notifications.connect()
        refusals.answer_refusals()
