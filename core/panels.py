"""Edit-form panels that show only when they have something to say."""

from wagtail.admin.panels import HelpPanel


class NoticePanel(HelpPanel):
    """A HelpPanel shown only when `notice(instance)` gives something, which its template
    gets as `notice` (the item's missing information, the lead's request for changes...)."""

    def __init__(self, notice, **kwargs):
        super().__init__(**kwargs)
        self.notice = notice

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "notice": self.notice}

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.notice = self.panel.notice(self.instance) if self.instance is not None else None

        def is_shown(self):
            return bool(self.notice) and super().is_shown()

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "notice": self.notice}
