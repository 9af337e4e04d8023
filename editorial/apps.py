from django.apps import AppConfig

from core.signals import approved_as_review


class EditorialConfig(AppConfig):
    """The editors' side: content review, sign-off as the team works, the guide."""

    name = "editorial"
    verbose_name = "Content review"

    def ready(self):
        # Signal handlers read models: imported once the apps are loaded.
        from editorial import comments, notifications, refusals, sign_off  # noqa: PLC0415

        approved_as_review.connect(sign_off.on_approved_as_review, dispatch_uid="editorial")
        comments.connect()
        notifications.connect()
        refusals.answer_refusals()
