"""Admin forms of the strategy's page types."""

from core.admin_forms import PageForm


class WorkstreamPageForm(PageForm):
    """Checks that no other workstream under the same overview has the same number."""

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        parent = getattr(self, "parent_page", None)
        if number and parent is not None:
            siblings = type(self.instance).objects.child_of(parent).exclude(pk=self.instance.pk)
            if siblings.filter(number=number).exists():
                self.add_error(
                    "number", f"Workstream {number} already exists. Choose another number."
                )
        return cleaned_data
