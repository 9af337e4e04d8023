"""The helpline form's confirmation box, shown only when the form asks for it."""

from wagtail.admin.panels import FieldPanel


class ConfirmationPanel(FieldPanel):
    """A confirmation box, shown only when the form asks for it (`form.asks_to_confirm`), e.g.
    a closure of the helpline from today."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return getattr(self.form, "asks_to_confirm", False) and super().is_shown()
